package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.embedded.fns.DrainSignal;
import dev.statefun.jakarta.embedded.fns.GateFunction;
import dev.statefun.jakarta.http.ServingState;
import dev.statefun.jakarta.jaxrs.Http;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * close(): refuse new requests and report not ready, let the ones in flight finish (within a bound),
 * then stop.
 */
class ShutdownTest {

  @Test
  @Timeout(60)
  void whileDrainingInFlightRequestsFinishNewOnesAre503AndReadinessIsDown() throws Exception {
    GateFunction.reset(1000);
    EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withShutdownTimeout(Duration.ofSeconds(30)), OperationsConfig.DEFAULTS);
    try {
      CompletableFuture<HttpResponse<byte[]>> inFlight = Http.CLIENT.sendAsync(gate(server, "first"),
          HttpResponse.BodyHandlers.ofByteArray());
      GateFunction.awaitWaiting(1);

      CompletableFuture<Void> draining = DrainSignal.next();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      draining.get();
      assertEquals(ServingState.DRAINING, server.state());
      // A new request is answered 503 (on a new connection: the listener is still open).
      HttpResponse<byte[]> refused = Http.post(server.uri(),
          Requests.to("test.fns/counter", "probe").state("count", Types.INT, 0).invoke("x").bytes());
      assertEquals(503, refused.statusCode());
      assertTrue(Http.text(refused).contains("shutting down"), Http.text(refused));
      // Readiness is DOWN; liveness and metrics still answer.
      HttpResponse<byte[]> ready = Http.send(HttpRequest.newBuilder(base(server).resolve("/health/ready")).GET().build());
      assertEquals(503, ready.statusCode());
      assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"statefun\",\"status\":\"DOWN\",\"data\":{\"state\":"
          + "\"DRAINING\"}}]}", Http.text(ready));
      assertEquals(200, Http.send(HttpRequest.newBuilder(base(server).resolve("/health/live")).GET().build())
          .statusCode());
      assertEquals(200, Http.send(HttpRequest.newBuilder(base(server).resolve("/metrics")).GET().build())
          .statusCode());
      assertFalse(closing.isDone(), "close() must wait for the request in flight");

      GateFunction.openAll();
      HttpResponse<byte[]> finished = inFlight.get();
      assertEquals(200, finished.statusCode());
      assertTrue(Requests.decode(finished.body()).hasInvocationResult());
      closing.get();

      // Stopped: nothing listens any more.
      ExecutionException refusedConnection = assertThrows(ExecutionException.class,
          () -> Http.CLIENT.sendAsync(gate(server, "late"), HttpResponse.BodyHandlers.ofByteArray()).get());
      assertTrue(refusedConnection.getCause() instanceof IOException, String.valueOf(refusedConnection.getCause()));
    } finally {
      GateFunction.openAll();
      server.close();
    }
  }

  @Test
  @Timeout(60)
  void aRequestThatOutlivesTheShutdownTimeoutIsCutOff() throws Exception {
    GateFunction.reset(1000);
    EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withShutdownTimeout(Duration.ofMillis(500)));
    try {
      CompletableFuture<HttpResponse<byte[]>> stuck = Http.CLIENT.sendAsync(gate(server, "stuck"),
          HttpResponse.BodyHandlers.ofByteArray());
      GateFunction.awaitWaiting(1);
      server.close(); // returns although the function never finishes
      ExecutionException failed = assertThrows(ExecutionException.class, stuck::get);
      assertTrue(failed.getCause() instanceof IOException, String.valueOf(failed.getCause()));
    } finally {
      GateFunction.openAll();
    }
  }

  private static HttpRequest gate(EmbeddedServer server, String id) {
    return HttpRequest.newBuilder(server.uri()).header("Content-Type", "application/octet-stream")
        .timeout(Duration.ofSeconds(50))
        .POST(HttpRequest.BodyPublishers.ofByteArray(Requests.to("test.fns/gate", id).invoke("x").bytes())).build();
  }

  private static URI base(EmbeddedServer server) {
    return server.uri().resolve("/");
  }
}
