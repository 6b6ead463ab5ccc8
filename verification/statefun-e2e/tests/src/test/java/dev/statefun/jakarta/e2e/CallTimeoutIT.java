package dev.statefun.jakarta.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import dev.statefun.jakarta.e2e.driver.StatefunRuntimeException;
import dev.statefun.jakarta.tools.EndpointDefinition;
import dev.statefun.jakarta.tools.ModuleYamlCommand;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The call timeout the module-yaml command writes is the one the real runtime applies: an endpoint that never
 * answers fails the job with the runtime's request timeout after the 4 s written there, not after the runtime's
 * default of 2 minutes. The document names the function type exactly ({@code --exact-types}), which the runtime
 * must route too.
 *
 * <p>The runtime starts its call clock before the request reaches this endpoint (connecting, writing), so the
 * lower bound is measured from the moment the message was sent, which is surely earlier, and the upper bound from
 * the moment the endpoint saw the request, which is surely later.
 */
class CallTimeoutIT {
  static final TypeName SLOW = TypeName.parse("e2e.slow/never-answers");
  static final Duration CALL = Duration.ofSeconds(4);
  static final Duration RUNTIME_DEFAULT = Duration.ofMinutes(2);
  /** What the runtime's async (Netty) transport fails a call with when its call timeout runs out. */
  static final String RUNTIME_TIMEOUT =
      "org.apache.flink.statefun.flink.core.nettyclient.exceptions.RequestTimeoutException";

  @Test
  @Timeout(300)
  void theJobFailsWhenTheWrittenCallTimeoutRunsOut() throws Exception {
    CountDownLatch firstRequest = new CountDownLatch(1);
    AtomicLong firstRequestNanos = new AtomicLong();
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService executor = Executors.newCachedThreadPool();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/statefun", exchange -> {
      try (exchange) {
        if (firstRequestNanos.compareAndSet(0, System.nanoTime())) {
          firstRequest.countDown();
        }
        exchange.getRequestBody().readAllBytes();
        // Holds the call open until the test ends: only the runtime's call timeout ends it.
        release.await(RUNTIME_DEFAULT.toSeconds() + 60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/statefun");
    String yaml = ModuleYamlCommand.render(new EndpointDefinition(url, Map.of("call", CALL, "connect",
        Duration.ofSeconds(2)), EndpointDefinition.Match.EXACT_TYPES), List.of(SLOW), Optional.empty());
    assertTrue(yaml.contains("  functions: e2e.slow/never-answers\n") && yaml.contains("      call: 4s\n"), yaml);
    try (StatefunRuntime runtime = StatefunRuntime.builder()
        .name("call-timeout")
        .moduleYaml(yaml)
        .egress("e2e.slow/out")
        .start()) {
      long sentNanos = System.nanoTime();
      runtime.sendString(SLOW.canonical(), "x", "hello");
      assertTrue(firstRequest.await(150, TimeUnit.SECONDS), "the runtime never called the endpoint");
      StatefunRuntimeException e = assertThrows(StatefunRuntimeException.class,
          () -> runtime.awaitEgress(1, RUNTIME_DEFAULT.plusSeconds(60)));
      long failedNanos = System.nanoTime();
      assertTrue(e.getMessage().contains("The StateFun job failed") && e.getMessage().contains(RUNTIME_TIMEOUT),
          e.getMessage());
      Duration sinceSent = Duration.ofNanos(failedNanos - sentNanos);
      assertTrue(sinceSent.compareTo(CALL) >= 0, "failed before the call timeout: " + sinceSent + " after sending");
      // The failure is noticed through the job's status, a few seconds late at most; the default would take 2 min.
      Duration sinceSeen = Duration.ofNanos(failedNanos - firstRequestNanos.get());
      assertTrue(sinceSeen.compareTo(Duration.ofSeconds(60)) < 0,
          "the job failed only after " + sinceSeen + ": the written call timeout was not applied");
    } finally {
      release.countDown();
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
