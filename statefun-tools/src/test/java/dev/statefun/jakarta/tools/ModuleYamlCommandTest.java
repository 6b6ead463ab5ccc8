package dev.statefun.jakarta.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.TypeName;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleYamlCommandTest {
  static final List<TypeName> SERVED = List.of(TypeName.parse("com.example.fns/greeter"),
      TypeName.parse("com.example.fns/inbox"), TypeName.parse("com.example.other/audit"));

  record Outcome(int status, String out, String err) {}

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ModuleYamlCommand.run(args, SERVED, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void oneEndpointPerNamespaceWithTheTimeoutsTheAsyncTransportReads() {
    Outcome outcome = run("--url", "http://127.0.0.1:9000/statefun", "--timeout", "connect=5s", "--timeout", "call=90s");
    assertEquals(0, outcome.status(), outcome.err());
    String endpoint = """
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: %s
          urlPathTemplate: http://127.0.0.1:9000/statefun
          transport:
            type: io.statefun.transports.v1/async
            timeouts:
              call: 90s
              connect: 5s
        """;
    assertEquals(ModuleYamlCommand.HEADER + endpoint.formatted("com.example.fns/*") + "---\n"
        + endpoint.formatted("com.example.other/*"), outcome.out());
  }

  @Test
  void exactTypesNameEachFunction() {
    Outcome outcome = run("--exact-types");
    assertEquals(0, outcome.status(), outcome.err());
    List<String> functions = outcome.out().lines().filter(line -> line.startsWith("  functions: ")).toList();
    assertEquals(List.of("  functions: com.example.fns/greeter", "  functions: com.example.fns/inbox",
        "  functions: com.example.other/audit"), functions);
    assertTrue(outcome.out().contains("    type: io.statefun.transports.v1/async\n"), outcome.out());
    assertTrue(!outcome.out().contains("timeouts:"), "no timeouts given, none written: " + outcome.out());
  }

  @Test
  void timeoutsTheAsyncTransportIgnoresAreRefused() {
    for (String name : List.of("read", "write")) {
      Outcome outcome = run("--timeout", name + "=10s");
      assertEquals(2, outcome.status(), name);
      assertEquals("", outcome.out());
      assertTrue(outcome.err().contains("'" + name + "' timeout is not read by StateFun 3.3's async transport"),
          outcome.err());
      assertTrue(outcome.err().contains("[call, connect]"), outcome.err());
    }
    Outcome unknown = run("--timeout", "idle=1s");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("unknown timeout 'idle'"), unknown.err());
  }
}
