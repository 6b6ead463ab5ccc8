package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.internal.protocol.FromFunction.PersistedValueMutation;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.http.EndpointLimits;
import dev.statefun.jakarta.jaxrs.Http;
import dev.statefun.jakarta.testkit.LogRecords;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded server (Weld SE + Undertow) serving the test functions in src/test: what it serves and
 * what only it does. The HTTP contract's statuses, shared with the WAR: {@link EmbeddedHttpContractTest}.
 */
class EmbeddedServerTest {
  static final long BODY_LIMIT = 1 << 20;
  static final int BATCH_LIMIT = 50;
  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withLimits(EndpointLimits.DEFAULTS.withMaxBodyBytes(BODY_LIMIT).withMaxBatchSize(BATCH_LIMIT)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void servesEveryFunctionBeanOnTheClasspath() {
    assertEquals(Set.of("test.fns/counter", "test.fns/later", "test.fns/failing", "test.fns/gate", "test.fns/out-of-memory"),
        Set.copyOf(server.functionTypes()));
    assertEquals("http://127.0.0.1:" + server.port() + "/statefun", server.uri().toString());
  }

  @Test
  void runsABatchAndRepliesWithItsEffects() {
    byte[] request = Requests.to("test.fns/counter", "alice").state("count", Types.INT, 41).invoke("hi").invoke("again").bytes();
    HttpResponse<byte[]> response = Http.post(server.uri(), request);

    assertEquals(200, response.statusCode());
    assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));
    FromFunction.InvocationResponse result = Requests.decode(response.body()).getInvocationResult();
    assertEquals(1, result.getStateMutationsCount());
    PersistedValueMutation mutation = result.getStateMutations(0);
    assertEquals("count", mutation.getStateName());
    assertEquals(PersistedValueMutation.MutationType.MODIFY, mutation.getMutationType());
    assertEquals(Types.INT.typeName().canonical(), mutation.getStateValue().getTypename());
    assertEquals(43, Requests.value(Types.INT, mutation.getStateValue()));
    assertEquals(List.of("alice:alice:hi:42", "alice:alice:again:43"), Requests.sentTo(Requests.decode(response.body())));
    assertEquals("test.fns", result.getOutgoingMessages(0).getTarget().getNamespace());
    assertEquals("echo", result.getOutgoingMessages(0).getTarget().getType());
  }

  @Test
  void asksForMissingStateFirst() {
    HttpResponse<byte[]> response = Http.post(server.uri(), Requests.to("test.fns/counter", "bob").invoke("x").bytes());

    assertEquals(200, response.statusCode());
    FromFunction reply = Requests.decode(response.body());
    assertTrue(reply.hasIncompleteInvocationContext());
    assertEquals("count", reply.getIncompleteInvocationContext().getMissingValues(0).getStateName());
    assertEquals(Types.INT.typeName().canonical(), reply.getIncompleteInvocationContext().getMissingValues(0).getTypeTypename());
  }

  @Test
  void anAsyncFunctionThatFinishesLater() {
    byte[] request = Requests.to("test.fns/later", "dave").emptyState("last").invoke("one").invoke("two").bytes();
    HttpResponse<byte[]> response = Http.post(server.uri(), request);

    assertEquals(200, response.statusCode());
    FromFunction reply = Requests.decode(response.body());
    PersistedValueMutation mutation = reply.getInvocationResult().getStateMutations(0);
    assertEquals("last", mutation.getStateName());
    assertEquals("two", Requests.value(Types.STRING, mutation.getStateValue()));
    assertEquals(List.of("dave:later:one", "dave:later:two"), Requests.sentTo(reply));
  }

  @Test
  void sixtyFourConcurrentClientsEachGetOnlyTheirOwnEffects() {
    int clients = 64;
    List<CompletableFuture<HttpResponse<byte[]>>> replies = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String id = "client-" + i;
      byte[] request = Requests.to("test.fns/counter", id).state("count", Types.INT, i * 100)
          .invoke("m" + i + "a").invoke("m" + i + "b").bytes();
      replies.add(Http.CLIENT.sendAsync(
          HttpRequest.newBuilder(server.uri()).header("Content-Type", "application/octet-stream")
              .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
          HttpResponse.BodyHandlers.ofByteArray()));
    }
    for (int i = 0; i < clients; i++) {
      HttpResponse<byte[]> response = replies.get(i).join();
      assertEquals(200, response.statusCode(), "client " + i);
      assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));
      FromFunction reply = Requests.decode(response.body());
      String id = "client-" + i;
      assertEquals(List.of(id + ":" + id + ":m" + i + "a:" + (i * 100 + 1), id + ":" + id + ":m" + i + "b:" + (i * 100 + 2)),
          Requests.sentTo(reply), "client " + i);
      for (FromFunction.Invocation message : reply.getInvocationResult().getOutgoingMessagesList()) {
        assertEquals(id, message.getTarget().getId());
      }
      assertEquals(1, reply.getInvocationResult().getStateMutationsCount());
      assertEquals(i * 100 + 2, Requests.value(Types.INT, reply.getInvocationResult().getStateMutations(0).getStateValue()));
    }
  }

  @Test
  void optionsAndHeadAre405Too() {
    // GET, PUT, DELETE and PATCH: HttpContractSuite.
    HttpResponse<byte[]> options = Http.send(HttpRequest.newBuilder(server.uri())
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    Http.assertError(options, 405, "Method OPTIONS is not allowed");
    assertEquals(List.of("POST"), options.headers().allValues("Allow"));
    HttpResponse<byte[]> head = Http.send(HttpRequest.newBuilder(server.uri()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(405, head.statusCode());
    assertEquals(List.of("POST"), head.headers().allValues("Allow"));
  }

  @Test
  void aClientThatSendsABodyOverTheLimitInFullReadsThe413() {
    // The JDK client keeps sending all 40 MiB while the 413 is already on its way: the server reads
    // and discards the rest, so the client sees the answer, never a reset connection. Several
    // times: whether a client would see a reset depends on timing.
    byte[] big = new byte[40 << 20];
    for (int attempt = 0; attempt < 3; attempt++) {
      HttpResponse<byte[]> response = Http.post(server.uri(), big);
      Http.assertError(response, 413, "over the limit of " + BODY_LIMIT + " bytes");
    }
    assertEquals(200, Http.post(server.uri(), Requests.to("test.fns/counter", "after-big").state("count", Types.INT, 1)
        .invoke("x").bytes()).statusCode());
  }

  @Test
  void aBatchOverTheLimitIs413() {
    Requests batch = Requests.to("test.fns/counter", "many").state("count", Types.INT, 0);
    for (int i = 0; i <= BATCH_LIMIT; i++) {
      batch.invoke("m" + i);
    }
    Http.assertError(Http.post(server.uri(), batch.bytes()), 413, "holds " + (BATCH_LIMIT + 1) + " invocations");

    Requests atLimit = Requests.to("test.fns/counter", "many").state("count", Types.INT, 0);
    for (int i = 0; i < BATCH_LIMIT; i++) {
      atLimit.invoke("m" + i);
    }
    HttpResponse<byte[]> ok = Http.post(server.uri(), atLimit.bytes());
    assertEquals(200, ok.statusCode());
    assertEquals(BATCH_LIMIT, Requests.decode(ok.body()).getInvocationResult().getOutgoingMessagesCount());
  }

  @Test
  void aFailingFunctionIs500AndIsLogged() {
    // Whichever of our classes logs it (the handler does, with the address and the stack trace).
    List<LogRecord> records;
    try (LogRecords logs = LogRecords.capture("dev.statefun.jakarta")) {
      HttpResponse<byte[]> response = Http.post(server.uri(), Requests.to("test.fns/failing", "erin").invoke("poison").bytes());
      Http.assertError(response, 500, "test.fns/failing");
      assertTrue(Http.text(response).contains("erin"), Http.text(response));
      records = logs.records();
    }
    LogRecord record = records.stream().filter(r -> r.getMessage().contains("test.fns/failing")).findFirst()
        .orElseThrow(() -> new AssertionError("no log record names the function"));
    assertTrue(record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue(), record.getLevel().toString());
    assertTrue(record.getMessage().contains("erin"), record.getMessage());
    assertTrue(record.getThrown() instanceof IllegalStateException, String.valueOf(record.getThrown()));
  }

  @Test
  void otherPathsAreNotServed() {
    byte[] request = Requests.to("test.fns/counter", "x").emptyState("count").invoke("x").bytes();
    HttpResponse<byte[]> response = Http.post(server.uri().resolve("/elsewhere"), request);
    assertEquals(404, response.statusCode());
  }

  static Set<String> sorted(List<String> values) {
    return new TreeSet<>(values);
  }
}
