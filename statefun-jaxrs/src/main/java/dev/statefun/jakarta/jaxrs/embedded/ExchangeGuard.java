package dev.statefun.jakarta.jaxrs.embedded;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the exchanges in flight, refuses new ones once the server is draining, and cuts off a
 * client that takes longer than the request timeout to send its request.
 */
final class ExchangeGuard extends Filter {
  private static final System.Logger LOG = System.getLogger(EmbeddedServer.class.getName());

  private final long requestTimeoutNanos;
  private final ScheduledExecutorService deadlines;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean draining;

  ExchangeGuard(Duration requestTimeout, ScheduledExecutorService deadlines) {
    this.requestTimeoutNanos = requestTimeout.toNanos();
    this.deadlines = deadlines;
  }

  @Override
  public String description() {
    return "StateFun request deadline and in-flight tracking";
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    if (draining) {
      refuse(exchange);
      return;
    }
    inFlight.incrementAndGet();
    ScheduledFuture<?>[] deadline = new ScheduledFuture<?>[1];
    TrackedExchange tracked = new TrackedExchange(exchange, () -> {
      if (deadline[0] != null) {
        deadline[0].cancel(false);
      }
      if (inFlight.decrementAndGet() == 0) {
        synchronized (idle) {
          idle.notifyAll();
        }
      }
    });
    deadline[0] = deadlines.schedule(() -> {
      if (tracked.expire()) {
        LOG.log(Level.DEBUG, () -> "Closed the connection of " + exchange.getRemoteAddress()
            + ": its request did not arrive within " + Duration.ofNanos(requestTimeoutNanos));
      }
    }, requestTimeoutNanos, TimeUnit.NANOSECONDS);
    try {
      chain.doFilter(tracked);
    } catch (IOException | RuntimeException | Error e) {
      tracked.close();
      throw e;
    }
  }

  /** Refuses new exchanges from now on and waits up to {@code timeout} for those in flight. */
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

  int inFlight() {
    return inFlight.get();
  }

  private static void refuse(HttpExchange exchange) throws IOException {
    byte[] body = "The server is shutting down; retry against another instance"
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
    exchange.getResponseHeaders().set("Connection", "close");
    exchange.sendResponseHeaders(503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
