package dev.statefun.jakarta.embedded;

import static dev.statefun.jakarta.embedded.OperationsEndpointsTest.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.embedded.fns.GateFunction;
import dev.statefun.jakarta.http.ServingState;
import dev.statefun.jakarta.jaxrs.Http;
import dev.statefun.jakarta.jaxrs.Wire;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded server's /health and /metrics on its own port: exact counts after a known mix, ready
 * while serving, not ready while draining, and both settings.
 */
class EmbeddedOperationsTest {

  @Test
  @Timeout(120)
  void metricsCountAKnownMixAndHealthFollowsTheServer() throws Exception {
    GateFunction.reset(1000);
    EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withShutdownTimeout(Duration.ofSeconds(60)), OperationsConfig.DEFAULTS);
    try {
      assertEquals(ServingState.SERVING, server.state());
      assertReady(server, 200, "UP", "SERVING");

      assertEquals(200, post(server, Wire.to("test.fns/counter", "a").intState("count", 1).invokeString("x")
          .invokeString("y").bytes()));                                                       // sync, 2 invocations
      assertEquals(200, post(server, Wire.to("test.fns/later", "b").emptyState("last").invokeString("z").bytes())); // async
      assertEquals(500, post(server, Wire.to("test.fns/failing", "c").invokeString("no").bytes()));
      assertEquals(200, post(server, Wire.to("test.fns/counter", "d").invokeString("x").bytes())); // no state sent
      assertEquals(404, post(server, Wire.to("test.fns/nobody", "e").invokeString("x").bytes()));

      String text = Http.text(Http.send(HttpRequest.newBuilder(base(server).resolve("/metrics")).GET().build()));
      assertEquals(Map.of("test.fns/counter|replied", 1.0, "test.fns/later|replied", 1.0,
          "test.fns/failing|function_failed", 1.0, "test.fns/counter|incomplete_context", 1.0,
          "-|unknown_function", 1.0), samples(text, "statefun_function_batches_total"));
      assertEquals(Map.of("test.fns/counter|replied", 2.0, "test.fns/later|replied", 1.0,
          "test.fns/failing|function_failed", 1.0, "test.fns/counter|incomplete_context", 1.0,
          "-|unknown_function", 1.0), samples(text, "statefun_function_invocations_total"));
      assertEquals(Map.of("test.fns/failing|function_failed", 1.0, "-|unknown_function", 1.0),
          samples(text, "statefun_function_failures_total"));
      assertEquals(samples(text, "statefun_function_batches_total"),
          samples(text, "statefun_function_batch_duration_seconds_count"));

      // Draining: a request in flight holds close() open; readiness is DOWN, liveness and metrics still answer.
      CompletableFuture<HttpResponse<byte[]>> inFlight = Http.CLIENT.sendAsync(HttpRequest.newBuilder(server.uri())
          .header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(90))
          .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.to("test.fns/gate", "g").invokeString("x").bytes())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      GateFunction.awaitWaiting(1);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      HttpResponse<byte[]> draining = awaitNotReady(server);
      assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"statefun\",\"status\":\"DOWN\",\"data\":{\"state\":"
          + "\"DRAINING\"}}]}", Http.text(draining));
      assertEquals(200, Http.send(HttpRequest.newBuilder(base(server).resolve("/health/live")).GET().build())
          .statusCode());
      assertEquals(200, Http.send(HttpRequest.newBuilder(base(server).resolve("/metrics")).GET().build())
          .statusCode());
      assertFalse(closing.isDone(), "close() must wait for the request in flight");
      GateFunction.openAll();
      assertEquals(200, inFlight.get().statusCode());
      closing.get();
    } finally {
      GateFunction.openAll();
      server.close();
    }
  }

  @Test
  @Timeout(60)
  void pathsMoveAndTurnOff() throws Exception {
    OperationsConfig moved = EnvironmentSettings.of(Map.of(OperationsConfig.HEALTH_PATH, "/ops/health"),
        Map.of("STATEFUN_METRICS_PATH", "off")).operations();
    assertEquals(new OperationsConfig(Optional.of("/ops/health"), Optional.empty()), moved);
    try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0), moved)) {
      assertEquals(200, Http.send(HttpRequest.newBuilder(base(server).resolve("/ops/health/ready")).GET().build())
          .statusCode());
      assertEquals(404, Http.send(HttpRequest.newBuilder(base(server).resolve("/metrics")).GET().build()).statusCode());
      assertEquals(404, Http.send(HttpRequest.newBuilder(base(server).resolve("/health/ready")).GET().build())
          .statusCode());
    }
  }

  private static void assertReady(EmbeddedServer server, int status, String up, String state) {
    HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(base(server).resolve("/health/ready")).GET().build());
    assertEquals(status, response.statusCode());
    assertTrue(Http.text(response).contains("\"status\":\"" + up + "\"") && Http.text(response).contains(state),
        Http.text(response));
  }

  /** Polls readiness until close(), on another thread, has begun draining. */
  private static HttpResponse<byte[]> awaitNotReady(EmbeddedServer server) {
    while (true) {
      HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(base(server).resolve("/health/ready"))
          .timeout(Duration.ofSeconds(10)).GET().build());
      if (response.statusCode() == 503) {
        return response;
      }
      assertEquals(200, response.statusCode()); // not draining yet: probe again
    }
  }

  private static int post(EmbeddedServer server, byte[] body) {
    return Http.post(server.uri(), body).statusCode();
  }

  private static URI base(EmbeddedServer server) {
    return server.uri().resolve("/");
  }
}
