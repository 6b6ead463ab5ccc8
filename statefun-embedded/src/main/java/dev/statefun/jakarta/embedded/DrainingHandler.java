package dev.statefun.jakarta.embedded;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.GenericCloseListener;
import org.glassfish.grizzly.http.server.AfterServiceListener;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Counts the requests in flight (an asynchronous reply counts until it is written) and, once the
 * server drains, answers new ones 503 while those in flight finish. Grizzly's own graceful shutdown
 * closes the listening socket first; draining here keeps it open, so a load balancer's next request
 * gets a clear 503 rather than a refused connection.
 */
final class DrainingHandler extends HttpHandler {
  private static final System.Logger LOG = System.getLogger(EmbeddedServer.class.getName());
  private static final byte[] SHUTTING_DOWN =
      "The server is shutting down; retry against another instance".getBytes(StandardCharsets.UTF_8);

  private final HttpHandler delegate;
  // Requests answered even while draining: health probes must see DOWN, and the last scrape counts.
  private final Predicate<String> servedWhileDraining;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean draining;

  DrainingHandler(HttpHandler delegate, Predicate<String> servedWhileDraining) {
    super("statefun");
    this.delegate = delegate;
    this.servedWhileDraining = servedWhileDraining;
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    if (draining && !servedWhileDraining.test(request.getRequestURI())) {
      response.setStatus(503);
      response.setContentType("text/plain; charset=UTF-8");
      response.setHeader("Connection", "close");
      response.setContentLength(SHUTTING_DOWN.length);
      response.getOutputStream().write(SHUTTING_DOWN);
      return;
    }
    inFlight.incrementAndGet();
    Exchange exchange = new Exchange(request.getConnection());
    request.addAfterServiceListener(exchange);
    request.getConnection().addCloseListener(exchange);
    delegate.service(request, response);
  }

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  public void destroy() {
    delegate.destroy();
  }

  /** Answers new requests 503 from now on and waits up to {@code timeout} for those in flight. */
  boolean drain(Duration timeout) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    return true;
  }

  private void finished() {
    if (inFlight.decrementAndGet() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /**
   * One request in flight. It ends when its reply is written, or when its client goes away first:
   * then the reply has nowhere to go, which is worth a debug line, not a warning.
   */
  private final class Exchange extends AtomicBoolean implements AfterServiceListener, GenericCloseListener {
    private final Connection<?> connection;

    Exchange(Connection<?> connection) {
      this.connection = connection;
    }

    @Override
    public void onAfterService(Request request) {
      if (compareAndSet(false, true)) {
        connection.removeCloseListener(this);
        finished();
      }
    }

    @Override
    public void onClosed(Closeable closeable, CloseType type) {
      if (compareAndSet(false, true)) {
        finished();
        LOG.log(Level.DEBUG, () -> "The client at " + connection.getPeerAddress()
            + " disconnected before its reply was written");
      }
    }
  }

  int inFlight() {
    return inFlight.get();
  }
}
