package dev.statefun.jakarta.benchmarks.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.benchmarks.GreetRequests;
import dev.statefun.jakarta.benchmarks.Replies;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import io.undertow.Undertow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP benchmark compares equal work: on the benchmark's request bytes, the anchor (the official SDK
 * on Undertow, over real HTTP) and our {@link BenchGreeter} (found by CDI, as on every contender of our
 * side) give replies that decode equal. statefun-benchmarks' ReplyEquivalenceTest checks that reply
 * against the greeter's expected answer.
 */
class SameRepliesTest {
  private static Undertow anchor;
  private static WeldContainer cdi;

  @BeforeAll
  static void start() {
    anchor = UndertowAnchor.start("127.0.0.1", 0);
    cdi = new Weld("http-benchmark-test").initialize();
  }

  @AfterAll
  static void stop() {
    if (cdi != null) {
      cdi.close();
    }
    if (anchor != null) {
      anchor.stop();
    }
  }

  @ParameterizedTest(name = "batch of {0}")
  @ValueSource(ints = {1, 100})
  void anchorOverHttpAndOurCdiGreeterReplyTheSame(int batchSize) throws Exception {
    byte[] request = GreetRequests.batch(batchSize);

    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + UndertowAnchor.port(anchor) + "/statefun"))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));

    byte[] ours = cdi.select(RequestReplyHandler.class).get().handle(request).toCompletableFuture().join();
    assertEquals(Replies.normalized(response.body()), Replies.normalized(ours));
  }
}
