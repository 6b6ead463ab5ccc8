package dev.statefun.jakarta.embedded;

import static dev.statefun.jakarta.embedded.OperationsEndpointsTest.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.http.ServingState;
import dev.statefun.jakarta.jaxrs.Http;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded server's /health and /metrics on its own port: exact counts after a known mix, ready
 * while serving, and both settings (not ready while draining: {@link ShutdownTest}).
 */
class EmbeddedOperationsTest {

  @Test
  @Timeout(120)
  void metricsCountAKnownMixWhileReadinessIsUp() throws Exception {
    EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0),
        OperationsConfig.DEFAULTS);
    try {
      assertEquals(ServingState.SERVING, server.state());
      assertReady(server, 200, "UP", "SERVING");

      assertEquals(200, post(server, Requests.to("test.fns/counter", "a").state("count", Types.INT, 1).invoke("x")
          .invoke("y").bytes()));                                                       // sync, 2 invocations
      assertEquals(200, post(server, Requests.to("test.fns/later", "b").emptyState("last").invoke("z").bytes())); // async
      assertEquals(500, post(server, Requests.to("test.fns/failing", "c").invoke("no").bytes()));
      assertEquals(200, post(server, Requests.to("test.fns/counter", "d").invoke("x").bytes())); // no state sent
      assertEquals(404, post(server, Requests.to("test.fns/nobody", "e").invoke("x").bytes()));

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
    } finally {
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

  private static int post(EmbeddedServer server, byte[] body) {
    return Http.post(server.uri(), body).statusCode();
  }

  private static URI base(EmbeddedServer server) {
    return server.uri().resolve("/");
  }
}
