package dev.statefun.jakarta.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Stand-in until the embedded server lands: every @StatefulFunction bean on the classpath (Weld SE
 * discovery), served by the CDI-produced handler on the JDK's HTTP server.
 */
final class CdiHandlerEndpoint implements AutoCloseable {
  private final WeldContainer container;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  CdiHandlerEndpoint() throws IOException {
    container = new Weld("statefun-e2e").initialize();
    RequestReplyHandler handler = container.select(RequestReplyHandler.class).get();
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
    container.close();
  }
}
