package dev.statefun.jakarta.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  private static final byte[] SHUTTING_DOWN =
      "The server is shutting down; retry against another instance".getBytes(StandardCharsets.UTF_8);

  private final HttpHandler delegate;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private final AfterServiceListener finished = request -> {
    if (inFlight.decrementAndGet() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  };
  private volatile boolean draining;

  DrainingHandler(HttpHandler delegate) {
    super("statefun");
    this.delegate = delegate;
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    if (draining) {
      response.setStatus(503);
      response.setContentType("text/plain; charset=UTF-8");
      response.setHeader("Connection", "close");
      response.setContentLength(SHUTTING_DOWN.length);
      response.getOutputStream().write(SHUTTING_DOWN);
      return;
    }
    inFlight.incrementAndGet();
    request.addAfterServiceListener(finished);
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

  boolean draining() {
    return draining;
  }

  int inFlight() {
    return inFlight.get();
  }
}
