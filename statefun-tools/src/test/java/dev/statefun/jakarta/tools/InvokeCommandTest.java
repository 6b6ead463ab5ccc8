package dev.statefun.jakarta.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.tools.fns.EchoFunction;
import dev.statefun.jakarta.tools.fns.EverythingFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invoke command against the embedded server serving {@link EverythingFunction}. */
class InvokeCommandTest {
  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The command's exit status, standard output and standard error. */
  record Run(int status, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  static Run invoke(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = InvokeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void firstCallAsksForStateThenPrintsEveryEffectAsText() {
    Run run = invoke(server.uri().toString(), EverythingFunction.TYPE, "ann", "string:hi");
    assertEquals(0, run.status(), run.err());
    assertEquals(List.of(
        "(the function asked for state [count, note]: sent again with it empty)",
        "state count = 1 (io.statefun.types/int)",
        "state note = \"io.statefun.types/string\" (io.statefun.types/string)",
        "message to test.tools/echo/ann: \"call 1\" (io.statefun.types/string)",
        "delayed message (60000 ms, token reminder-ann) to test.tools/everything/ann: 7 (io.statefun.types/long)",
        "egress test.tools/out: Kafka record to topic calls, key \"ann\", value \"call 1\"",
        "egress test.tools/out: Kinesis record to stream calls, partition key \"ann\", value \"call 1\""),
        run.lines());
  }

  @Test
  void givenStateIsSentAndTheReplyPrintedAsJson() {
    Run run = invoke("--json", "--state", "count=int:41", "--state", "note=string:x",
        server.uri().toString(), EverythingFunction.TYPE, "bob", "json:com.example/order:{\"n\":1}");
    assertEquals(0, run.status(), run.err());
    assertEquals("{\"target\":\"test.tools/everything/bob\",\"emptyStateSent\":[],"
        + "\"state\":[{\"name\":\"count\",\"mutation\":\"modify\",\"type\":\"io.statefun.types/int\",\"value\":42},"
        + "{\"name\":\"note\",\"mutation\":\"delete\"}],"
        + "\"messages\":[{\"target\":\"test.tools/echo/bob\",\"type\":\"io.statefun.types/string\",\"value\":\"call 42\"}],"
        + "\"delayedMessages\":[],"
        + "\"cancellations\":[{\"token\":\"reminder-bob\"}],"
        + "\"egress\":[{\"egress\":\"test.tools/out\",\"type\":\"type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord\","
        + "\"kafka\":{\"topic\":\"calls\",\"key\":\"bob\",\"text\":\"call 42\"}},"
        + "{\"egress\":\"test.tools/out\",\"type\":\"type.googleapis.com/io.statefun.sdk.egress.KinesisEgressRecord\","
        + "\"kinesis\":{\"stream\":\"calls\",\"partitionKey\":\"bob\",\"explicitHashKey\":\"\",\"text\":\"call 42\"}}]}",
        run.out().strip());
  }

  @Test
  void anHttpErrorIsPrintedWithItsStatus() {
    Run run = invoke(server.uri().toString(), "test.tools/nobody", "x", "int:1");
    assertEquals(1, run.status());
    assertTrue(run.err().startsWith("invoke: HTTP 404 from " + server.uri()), run.err());
  }

  @Test
  void usageMistakesSayWhatIsExpected() {
    Run run = invoke(server.uri().toString(), EverythingFunction.TYPE, "x", "integer:1");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("'integer:1' is no typed value (unknown kind 'integer')"), run.err());
    assertTrue(run.err().contains("usage: invoke"), run.err());
  }

  @Test
  void typedArgumentsEncodeAsTheSdkTypes() {
    assertEquals(List.of("io.statefun.types/bool", "io.statefun.types/double", "io.statefun.types/float",
            "com.example/blob"),
        List.of(TypedArgument.parse("bool:true"), TypedArgument.parse("double:2.5"), TypedArgument.parse("float:1"),
            TypedArgument.parse("bytes:com.example/blob:AAE=")).stream()
            .map(argument -> argument.typeName().canonical()).toList());
    assertEquals(List.of(0, 1), List.of(TypedArgument.parse("bytes:com.example/blob:AAE=").bytes()[0] + 0,
        TypedArgument.parse("bytes:com.example/blob:AAE=").bytes()[1] + 0));
  }

  @Test
  void jsonValuesArePrintedAsJson() {
    String json = "{\"item\":\"fig\",\"tags\":[\"a\",\"b\"],\"n\":1.5e2}";
    Run text = invoke(server.uri().toString(), EchoFunction.TYPE, "ann", "json:com.example/order:" + json);
    assertEquals(0, text.status(), text.err());
    assertEquals(List.of("message to test.tools/echo/ann: " + json + " (com.example/order)"), text.lines());

    Run asJson = invoke("--json", server.uri().toString(), EchoFunction.TYPE, "ann", "json:com.example/order:" + json);
    assertTrue(asJson.out().contains("\"type\":\"com.example/order\",\"json\":" + json + "}"), asJson.out());

    // Text that only looks like JSON stays text.
    Run notJson = invoke(server.uri().toString(), EchoFunction.TYPE, "ann", "json:com.example/order:{\"a\":}");
    assertEquals(List.of("message to test.tools/echo/ann: \"{\\\"a\\\":}\" (com.example/order)"), notJson.lines());
  }

  @Test
  void theLastRequestSentIsWrittenForCurl(@TempDir Path dir) throws Exception {
    Path dump = dir.resolve("request.bin");
    Run run = invoke("--dump-request", dump.toString(), "--caller", "test.tools/caller/c1",
        server.uri().toString(), EverythingFunction.TYPE, "ann", "string:hi");
    assertEquals(0, run.status(), run.err());
    ToFunction.InvocationBatchRequest batch = ToFunction.parseFrom(Files.readAllBytes(dump)).getInvocation();
    assertEquals("ann", batch.getTarget().getId());
    assertEquals("test.tools", batch.getTarget().getNamespace());
    // The second request: with the state the function asked for, empty.
    assertEquals(List.of("count", "note"), batch.getStateList().stream().map(ToFunction.PersistedValue::getStateName).toList());
    assertEquals(1, batch.getInvocationsCount());
    assertEquals("c1", batch.getInvocations(0).getCaller().getId());
    assertEquals("io.statefun.types/string", batch.getInvocations(0).getArgument().getTypename());
  }

  @Test
  void aRefusedConnectionIsSaidSo() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Run run = invoke("http://127.0.0.1:" + port + "/statefun", EverythingFunction.TYPE, "x", "int:1");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("connection refused (nothing listens at 127.0.0.1:" + port), run.err());
  }

  @Test
  void aStateTheFunctionDoesNotDeclareIsRefused() {
    Run run = invoke("--state", "count=int:1", "--state", "cuont=int:2",
        server.uri().toString(), EverythingFunction.TYPE, "x", "int:1");
    assertEquals(2, run.status());
    assertEquals("", run.out());
    assertTrue(run.err().contains("test.tools/everything declares no state named [cuont]; it declares [count, note]"),
        run.err());

    Run none = invoke("--state", "x=int:1", server.uri().toString(), EchoFunction.TYPE, "x", "int:1");
    assertEquals(2, none.status());
    assertTrue(none.err().contains("it declares no state at all"), none.err());
  }
}
