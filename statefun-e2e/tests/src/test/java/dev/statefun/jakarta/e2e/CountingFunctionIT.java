package dev.statefun.jakarta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.e2e.driver.EgressRecord;
import dev.statefun.jakarta.e2e.driver.RemoteEndpoint;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The driver against a function served by the core handler on the JDK's HTTP server: no CDI, no
 * JAX-RS. Checks the plumbing (ingress, egress, state, delays, cancellation, clean stop).
 */
@Timeout(240)
class CountingFunctionIT {
  private static final TypeName COUNTER = TypeName.parse("e2e.plain/counter");
  private static final TypeName OUT = TypeName.parse("e2e.plain/out");
  private static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
  private static final Duration FIRST_EGRESS = Duration.ofSeconds(120);

  private static HttpServer server;
  private static StatefunRuntime runtime;

  @BeforeAll
  static void start() throws IOException {
    RequestReplyHandler handler = FunctionRegistry.builder()
        .register(FunctionSpec.builder(COUNTER)
            .withValueSpec(SEEN)
            .withFunction((context, message) -> {
              String text = message.asString();
              if (text.startsWith("later:")) {
                // "later:<ms>:<text>" comes back as <text> after the delay.
                String[] parts = text.split(":", 3);
                context.sendAfter(Duration.ofMillis(Long.parseLong(parts[1])),
                    MessageBuilder.forAddress(context.self()).withValue(parts[2]).build());
                return;
              }
              if (text.startsWith("cancelled:")) {
                // "cancelled:<ms>:<text>" is scheduled with a token and cancelled at once.
                String[] parts = text.split(":", 3);
                CancellationToken token = CancellationToken.of("cancel-" + context.self().id());
                context.sendAfter(Duration.ofMillis(Long.parseLong(parts[1])), token,
                    MessageBuilder.forAddress(context.self()).withValue(parts[2]).build());
                context.cancelDelayedMessage(token);
                return;
              }
              int seen = context.storage().get(SEEN).orElse(0) + 1;
              context.storage().set(SEEN, seen);
              context.send(EgressMessage.of(OUT, Types.STRING, context.self().id() + " " + text + " " + seen));
            })
            .build())
        .build()
        .handler();

    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/statefun", exchange -> {
      try (exchange) {
        byte[] request = exchange.getRequestBody().readAllBytes();
        byte[] reply;
        try {
          reply = handler.handleBlocking(request);
        } catch (RuntimeException e) {
          byte[] body = String.valueOf(e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(500, body.length);
          exchange.getResponseBody().write(body);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, reply.length);
        exchange.getResponseBody().write(reply);
      }
    });
    server.start();

    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/statefun");
    runtime = StatefunRuntime.builder()
        .name("plain-counter")
        .remoteEndpoint(new RemoteEndpoint("e2e.plain/*", url))
        .egress(OUT.canonical())
        .start();
  }

  @AfterAll
  static void stop() {
    try {
      if (runtime != null) {
        assertEquals(0, runtime.stop(), "the runtime stops cleanly (exit code 0)");
      }
    } finally {
      if (server != null) {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
      }
    }
  }

  @Test
  void countsPerIdAndDelaysAndCancels() {
    for (int i = 1; i <= 5; i++) {
      runtime.sendString(COUNTER.canonical(), "alice", "a" + i);
    }
    runtime.sendString(COUNTER.canonical(), "bob", "b1");
    runtime.sendString(COUNTER.canonical(), "carol", "cancelled:1000:never");
    runtime.sendString(COUNTER.canonical(), "dave", "later:1500:delayed");

    EgressRecord fifth = runtime.awaitEgress("alice's fifth", r -> r.stringValue().equals("alice a5 5"), FIRST_EGRESS);
    assertEquals(OUT.canonical(), fifth.egress());
    runtime.awaitEgress("bob's first", r -> r.stringValue().equals("bob b1 1"), Duration.ofSeconds(30));
    runtime.awaitEgress("dave's delayed", r -> r.stringValue().equals("dave delayed 1"), Duration.ofSeconds(30));

    // Three times the cancelled message's delay, after everything else arrived.
    List<EgressRecord> late = runtime.egressDuring(Duration.ofSeconds(3));
    assertTrue(late.isEmpty(), "nothing more arrives: " + late);

    List<String> all = runtime.egressRecords().stream().map(EgressRecord::stringValue).toList();
    assertEquals(List.of("alice a1 1", "alice a2 2", "alice a3 3", "alice a4 4", "alice a5 5"),
        all.stream().filter(s -> s.startsWith("alice")).toList(), "alice's counts in order");
    assertTrue(all.stream().noneMatch(s -> s.startsWith("carol")), "the cancelled message never arrives: " + all);
    assertEquals(7, all.size(), "exactly one record per counted message: " + all);
  }
}
