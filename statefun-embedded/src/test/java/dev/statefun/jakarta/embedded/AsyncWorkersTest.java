package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.embedded.fns.GateFunction;
import dev.statefun.jakarta.jaxrs.Http;
import dev.statefun.jakarta.testkit.Requests;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Async functions do not hold worker threads; the endpoint path is configurable. */
class AsyncWorkersTest {

  @Test
  @Timeout(60)
  void moreAsyncInvocationsInFlightThanWorkerThreads() {
    int workers = 2;
    int requests = 8;
    GateFunction.reset(requests);
    try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withThreads(workers).withPath("/fns/v1/"))) {
      assertEquals("/fns/v1", server.uri().getPath());
      // No reply can come before all 8 invocations have started; with 2 workers that happens only
      // if no worker waits for its function's stage.
      List<CompletableFuture<HttpResponse<byte[]>>> replies = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        replies.add(Http.CLIENT.sendAsync(HttpRequest.newBuilder(server.uri())
                .header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(50))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Requests.to("test.fns/gate", "g" + i).invoke("x").bytes()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray()));
      }
      for (CompletableFuture<HttpResponse<byte[]>> reply : replies) {
        HttpResponse<byte[]> response = reply.join();
        assertEquals(200, response.statusCode(), Http.text(response));
        assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));
        assertEquals(true, Requests.decode(response.body()).hasInvocationResult());
      }
      // The old path is not served.
      assertEquals(404, Http.post(server.uri().resolve("/statefun"), Requests.to("test.fns/gate", "x").invoke("x").bytes())
          .statusCode());
    } finally {
      GateFunction.openAll();
    }
  }
}
