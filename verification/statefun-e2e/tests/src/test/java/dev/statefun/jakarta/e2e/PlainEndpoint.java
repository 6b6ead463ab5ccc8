package dev.statefun.jakarta.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A counting function served by the core handler on the JDK's HTTP server (no CDI, no JAX-RS), on
 * an ephemeral loopback port. For a message {@code text} to id {@code x} it emits
 * {@code "x text N"} to {@link #OUT}, N counting x's messages; {@code later:MS:text} comes back as
 * {@code text} after MS ms; {@code cancelled:MS:text} is scheduled with a token and cancelled at once.
 */
final class PlainEndpoint implements AutoCloseable {
  static final TypeName COUNTER = TypeName.parse("e2e.plain/counter");
  static final TypeName OUT = TypeName.parse("e2e.plain/out");
  static final String FUNCTIONS = "e2e.plain/*";
  private static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  /** The counting function, also run in the test runtime by {@code CountingFunctionInTestRuntimeTest}. */
  static FunctionSpec counter() {
    return FunctionSpec.builder(COUNTER).withValueSpec(SEEN).withFunction((context, message) -> {
      String text = message.asString();
      if (text.startsWith("later:") || text.startsWith("cancelled:")) {
        String[] parts = text.split(":", 3);
        Duration delay = Duration.ofMillis(Long.parseLong(parts[1]));
        var back = MessageBuilder.forAddress(context.self()).withValue(parts[2]).build();
        if (parts[0].equals("later")) {
          context.sendAfter(delay, back);
        } else {
          CancellationToken token = CancellationToken.of("cancel-" + context.self().id());
          context.sendAfter(delay, token, back);
          context.cancelDelayedMessage(token);
        }
        return;
      }
      int seen = context.storage().get(SEEN).orElse(0) + 1;
      context.storage().set(SEEN, seen);
      context.send(EgressMessage.of(OUT, Types.STRING, context.self().id() + " " + text + " " + seen));
    }).build();
  }

  PlainEndpoint() throws IOException {
    RequestReplyHandler handler = FunctionRegistry.builder()
        .register(counter())
        .build()
        .handler();

    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/statefun", exchange -> {
      try (exchange) {
        byte[] reply;
        try {
          reply = handler.handleBlocking(exchange.getRequestBody().readAllBytes());
        } catch (RuntimeException e) {
          byte[] body = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
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
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/statefun");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
