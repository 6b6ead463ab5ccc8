package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.embedded.fns.GateFunction;
import dev.statefun.jakarta.jaxrs.Http;
import dev.statefun.jakarta.jaxrs.Wire;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** close(): refuse new requests, let the ones in flight finish (within a bound), then stop. */
class ShutdownTest {

  @Test
  @Timeout(60)
  void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
    GateFunction.reset(1000);
    EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withShutdownTimeout(Duration.ofSeconds(30)));
    try {
      CompletableFuture<HttpResponse<byte[]>> inFlight = Http.CLIENT.sendAsync(gate(server, "first"),
          HttpResponse.BodyHandlers.ofByteArray());
      GateFunction.awaitWaiting(1);

      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      // While draining, a new request is answered 503 (on a new connection; the listener is still open).
      HttpResponse<byte[]> refused = awaitRefusal(server);
      assertEquals(503, refused.statusCode());
      assertTrue(Http.text(refused).contains("shutting down"), Http.text(refused));
      assertTrue(!closing.isDone(), "close() must wait for the request in flight");

      GateFunction.openAll();
      HttpResponse<byte[]> finished = inFlight.get();
      assertEquals(200, finished.statusCode());
      assertTrue(Wire.reply(finished.body()).hasInvocationResult());
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
        .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.to("test.fns/gate", id).invokeString("x").bytes())).build();
  }

  /** Polls until the draining server answers 503 (close() runs on another thread). */
  private static HttpResponse<byte[]> awaitRefusal(EmbeddedServer server) throws InterruptedException {
    while (true) {
      // A fresh client each time: a keep-alive connection would reach the same exchange path anyway,
      // but this keeps each probe independent.
      HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(server.uri())
          .header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.to("test.fns/counter", "probe").intState("count", 0)
              .invokeString("x").bytes())).build());
      if (response.statusCode() == 503) {
        return response;
      }
      assertEquals(200, response.statusCode()); // close() has not begun draining yet: probe again
    }
  }
}
