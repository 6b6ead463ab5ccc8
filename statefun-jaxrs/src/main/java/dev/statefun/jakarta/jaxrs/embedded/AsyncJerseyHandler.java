package dev.statefun.jakarta.jaxrs.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerException;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;

/**
 * Runs a Jersey application on the JDK HTTP server, with asynchronous responses. Jersey's own
 * {@code jersey-container-jdk-http} closes every exchange when its handler returns, so it refuses
 * to suspend ("Method suspend is not supported by the container"): an async function would then
 * either fail or hold the worker thread. Here the exchange stays open until the response is
 * written, from whatever thread completes it.
 */
final class AsyncJerseyHandler implements HttpHandler, Container {
  private static final System.Logger LOG = System.getLogger(EmbeddedServer.class.getName());
  /** No user, no roles; secure when the server speaks HTTPS. */
  private record Anonymous(boolean isSecure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return null;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public String getAuthenticationScheme() {
      return null;
    }
  }

  private final ApplicationHandler application;
  private final ScheduledExecutorService timers;
  // The exchange handed in may be a wrapper of the HTTPS exchange, so the scheme is told, not detected.
  private final String scheme;
  private final SecurityContext security;

  AsyncJerseyHandler(ResourceConfig configuration, ScheduledExecutorService timers, boolean secure) {
    this.application = new ApplicationHandler(configuration);
    this.timers = timers;
    this.scheme = secure ? "https" : "http";
    this.security = new Anonymous(secure);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Writer writer = new Writer(exchange);
    try {
      InetSocketAddress local = exchange.getLocalAddress();
      String host = local.getHostString().contains(":") ? "[" + local.getHostString() + "]" : local.getHostString();
      URI base = URI.create(scheme + "://" + host + ":" + local.getPort() + "/");
      URI requested = exchange.getRequestURI();
      // Appended, not resolved: a path like //host/x must stay a path.
      String path = requested.getRawPath() == null ? "/" : requested.getRawPath();
      URI uri = URI.create(base + (path.startsWith("/") ? path.substring(1) : path)
          + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery()));
      ContainerRequest request = new ContainerRequest(base, uri, exchange.getRequestMethod(), security,
          new MapPropertiesDelegate(), application.getConfiguration());
      request.setEntityStream(exchange.getRequestBody());
      for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
        request.getHeaders().addAll(header.getKey(), header.getValue());
      }
      request.setWriter(writer);
      application.handle(request);
    } catch (RuntimeException e) {
      writer.failure(e);
    } finally {
      if (!writer.suspended) {
        writer.commit(); // a no-op when Jersey has committed already
      }
    }
  }

  @Override
  public ResourceConfig getConfiguration() {
    return application.getConfiguration();
  }

  @Override
  public ApplicationHandler getApplicationHandler() {
    return application;
  }

  @Override
  public void reload() {
    throw new UnsupportedOperationException("The StateFun embedded server does not reload; restart it");
  }

  @Override
  public void reload(ResourceConfig configuration) {
    reload();
  }

  /** Writes one response; may be called from any thread once suspended. */
  private final class Writer implements ContainerResponseWriter {
    private final HttpExchange exchange;
    private final AtomicBoolean committed = new AtomicBoolean();
    private volatile boolean suspended;
    private volatile boolean headersSent;
    private volatile TimeoutHandler timeoutHandler;
    private volatile ScheduledFuture<?> timeout;
    private OutputStream body;

    Writer(HttpExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse response) {
      try {
        for (Map.Entry<String, List<String>> header : response.getStringHeaders().entrySet()) {
          for (String value : header.getValue()) {
            exchange.getResponseHeaders().add(header.getKey(), value);
          }
        }
        int status = response.getStatus();
        long length = contentLength;
        if (length < 0) {
          // The application may know the length even though Jersey did not buffer the entity.
          String declared = response.getHeaderString("Content-Length");
          if (declared != null) {
            length = Long.parseLong(declared.trim());
          }
        }
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod()) || length == 0;
        // The JDK server: -1 = no body, 0 = chunked, n = exactly n bytes.
        headersSent = true;
        exchange.sendResponseHeaders(status, noBody ? -1 : length < 0 ? 0 : length);
        body = exchange.getResponseBody();
        return body;
      } catch (IOException | RuntimeException e) {
        throw new ContainerException("Could not send the response headers", e);
      }
    }

    @Override
    public boolean suspend(long time, TimeUnit unit, TimeoutHandler handler) {
      timeoutHandler = handler;
      suspended = true;
      setSuspendTimeout(time, unit);
      return true;
    }

    @Override
    public void setSuspendTimeout(long time, TimeUnit unit) {
      ScheduledFuture<?> previous = timeout;
      if (previous != null) {
        previous.cancel(false);
      }
      if (time > 0 && timeoutHandler != null) {
        timeout = timers.schedule(() -> timeoutHandler.onTimeout(this), time, unit);
      }
    }

    @Override
    public void commit() {
      if (!committed.compareAndSet(false, true)) {
        return;
      }
      ScheduledFuture<?> pending = timeout;
      if (pending != null) {
        pending.cancel(false);
      }
      try {
        if (body != null) {
          body.close();
        }
      } catch (IOException e) {
        LOG.log(Level.DEBUG, () -> "Could not finish a response: " + e);
      } finally {
        exchange.close();
      }
    }

    @Override
    public void failure(Throwable error) {
      LOG.log(Level.WARNING, "Request " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed", error);
      try {
        if (!headersSent && !committed.get()) {
          headersSent = true;
          exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
          byte[] text = "Internal server error".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(500, text.length);
          body = exchange.getResponseBody();
          body.write(text);
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.DEBUG, () -> "Could not send the failure response: " + e);
      } finally {
        commit();
      }
    }

    @Override
    public boolean enableResponseBuffering() {
      return true;
    }
  }
}
