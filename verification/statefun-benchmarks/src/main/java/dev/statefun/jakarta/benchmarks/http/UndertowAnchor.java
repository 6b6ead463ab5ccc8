package dev.statefun.jakarta.benchmarks.http;

import dev.statefun.jakarta.benchmarks.OfficialGreeter;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.apache.flink.statefun.sdk.java.handler.RequestReplyHandler;
import org.apache.flink.statefun.sdk.java.slice.Slice;
import org.apache.flink.statefun.sdk.java.slice.Slices;

/**
 * The anchor of the HTTP benchmark: the official SDK's greeter ({@link OfficialGreeter}) behind a bare
 * Undertow {@link HttpHandler}, wired the way the SDK's documentation serves functions: the body is read
 * with Undertow's receiver, handed to {@code RequestReplyHandler.handle} as a {@link Slice}, and the
 * reply slice is sent as {@code application/octet-stream}. No routing: every path is the function.
 *
 * <pre>{@code java -Xms512m -Xmx512m -cp verification/statefun-benchmarks/target/benchmarks.jar \
 *     dev.statefun.jakarta.benchmarks.http.UndertowAnchor 18080}</pre>
 */
public final class UndertowAnchor implements HttpHandler {
  private final RequestReplyHandler handler;

  UndertowAnchor(RequestReplyHandler handler) {
    this.handler = Objects.requireNonNull(handler);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.getRequestReceiver().receiveFullBytes(this::onRequestBody);
  }

  private void onRequestBody(HttpServerExchange exchange, byte[] body) {
    // Keeps the exchange open after this callback returns; the reply is sent when the stage completes.
    exchange.dispatch();
    handler.handle(Slices.wrap(body)).whenComplete((reply, failure) -> onReply(exchange, reply, failure));
  }

  private static void onReply(HttpServerExchange exchange, Slice reply, Throwable failure) {
    if (failure != null) {
      failure.printStackTrace();
      exchange.setStatusCode(StatusCodes.INTERNAL_SERVER_ERROR);
      exchange.endExchange();
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
    exchange.getResponseSender().send(reply.asReadOnlyByteBuffer());
  }

  /** Starts the anchor on {@code host:port} (port 0 picks a free one); {@link #port} tells which. */
  public static Undertow start(String host, int port) {
    Undertow server = Undertow.builder()
        .addHttpListener(port, host)
        .setHandler(new UndertowAnchor(OfficialGreeter.handler()))
        .build();
    server.start();
    return server;
  }

  /** The port a started server listens on. */
  public static int port(Undertow server) {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** {@code UndertowAnchor [port]}: serves on 127.0.0.1 (port 18080 by default) until killed. */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
    Undertow server = start("127.0.0.1", port);
    System.out.println("Undertow anchor (official StateFun SDK 3.3.0) listening on http://127.0.0.1:"
        + port(server) + "/");
  }
}
