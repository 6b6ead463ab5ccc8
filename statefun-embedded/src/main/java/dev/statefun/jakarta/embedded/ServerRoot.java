package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.http.BodyReader;
import dev.statefun.jakarta.http.HttpAnswer;
import dev.statefun.jakarta.http.HttpContract;
import dev.statefun.jakarta.http.ServingState;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The embedded server's one root handler: the endpoint at its path, health and metrics at theirs,
 * 404 elsewhere. It counts the endpoint's requests in flight (an asynchronous reply counts until it
 * is written, or its client goes away) and, once the server drains, answers new ones 503 while those
 * in flight finish; health and metrics still answer, so that probes see DOWN and the last scrape
 * counts. The listening socket stays open while draining: a load balancer's next request gets a
 * clear 503 rather than a refused connection.
 */
final class ServerRoot implements HttpHandler {
  /** Prometheus' text format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  /** The one check both health reports carry. */
  static final String HEALTH_CHECK = "statefun";

  private final String endpointPath;
  private final HttpHandler endpoint;
  private final Supplier<ServingState> state;
  private final Optional<String> healthPath;
  private final Optional<String> metricsPath;
  private final MetricsScrape metrics; // null when metricsPath is empty
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();

  /** Writes the current metrics in Prometheus' text format. */
  @FunctionalInterface
  interface MetricsScrape {
    void writeTo(OutputStream out) throws IOException;
  }

  ServerRoot(String endpointPath, HttpHandler endpoint, Supplier<ServingState> state, OperationsConfig operations,
      MetricsScrape metrics) {
    this.endpointPath = Objects.requireNonNull(endpointPath, "endpointPath");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.state = Objects.requireNonNull(state, "state");
    this.healthPath = operations.healthPath();
    this.metricsPath = operations.metricsPath();
    this.metrics = metrics;
    if (metricsPath.isPresent() && metrics == null) {
      throw new IllegalArgumentException("metrics are served at " + metricsPath.get() + " but nothing scrapes them");
    }
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    if (path.equals(endpointPath)) {
      track(exchange); // before the state is read: a drain that starts now waits for this request
      if (state.get() == ServingState.DRAINING) {
        EndpointHandler.send(exchange, HttpContract.draining());
        return;
      }
      endpoint.handleRequest(exchange);
      return;
    }
    if (healthPath.isPresent() && path.startsWith(healthPath.get())) {
      String check = path.substring(healthPath.get().length());
      if (check.equals("/live") || check.equals("/ready")) {
        health(exchange, check.equals("/ready"));
        return;
      }
    }
    if (metricsPath.isPresent() && path.equals(metricsPath.get())) {
      metrics(exchange);
      return;
    }
    EndpointHandler.send(exchange, state.get() == ServingState.DRAINING ? HttpContract.draining()
        : HttpContract.notFound(path));
  }

  /**
   * Counts the exchange until it completes (its answer written, or its connection gone), and then
   * gives back the bytes its body held of the budget if no answer did (the connection went first):
   * one listener per request.
   */
  private void track(HttpServerExchange exchange) {
    inFlight.incrementAndGet();
    exchange.addExchangeCompleteListener((done, next) -> {
      BodyReader body = done.getAttachment(EndpointHandler.BODY);
      if (body != null) {
        body.release();
      }
      if (inFlight.decrementAndGet() == 0) {
        synchronized (idle) {
          idle.notifyAll();
        }
      }
      next.proceed();
    });
  }

  /** MicroProfile Health's JSON shape: 200 UP, 503 DOWN; ready only while serving, live whenever it answers. */
  private void health(HttpServerExchange exchange, boolean readiness) {
    if (!getOnly(exchange)) {
      return;
    }
    ServingState now = state.get();
    boolean up = !readiness || now == ServingState.SERVING;
    String status = up ? "UP" : "DOWN";
    // Fixed names and an enum constant: nothing here needs JSON escaping.
    String json = "{\"status\":\"" + status + "\",\"checks\":[{\"name\":\"" + HEALTH_CHECK + "\",\"status\":\""
        + status + "\",\"data\":{\"state\":\"" + now.name() + "\"}}]}";
    EndpointHandler.send(exchange, new HttpAnswer(up ? 200 : 503, "application/json",
        json.getBytes(StandardCharsets.UTF_8), Map.of()));
  }

  /** Scraped on a worker thread: collecting walks every instrument. */
  private void metrics(HttpServerExchange exchange) {
    if (!getOnly(exchange)) {
      return;
    }
    if (exchange.isInIoThread()) {
      exchange.dispatch(() -> metrics(exchange));
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    HttpAnswer answer;
    try {
      metrics.writeTo(out);
      answer = new HttpAnswer(200, PROMETHEUS_TEXT, out.toByteArray(), Map.of());
    } catch (IOException | RuntimeException e) {
      answer = HttpContract.error(500, "The metrics could not be collected: " + e);
    }
    EndpointHandler.send(exchange, answer);
  }

  private static boolean getOnly(HttpServerExchange exchange) {
    String method = exchange.getRequestMethod().toString();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    EndpointHandler.send(exchange, new HttpAnswer(405, HttpContract.TEXT,
        ("Method " + method + " is not allowed here; use GET").getBytes(StandardCharsets.UTF_8),
        Map.of(HttpContract.ALLOW, "GET")));
    return false;
  }

  /** Waits up to {@code timeout} for the requests in flight; call after the state turned DRAINING. */
  boolean drain(Duration timeout) throws InterruptedException {
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
}
