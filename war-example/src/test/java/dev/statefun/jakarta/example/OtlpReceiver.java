package dev.statefun.jakarta.example;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver (protobuf encoding) on 127.0.0.1 in the test JVM, the collector the servers'
 * MicroProfile Telemetry exports to. The messages are OpenTelemetry's own (opentelemetry-proto); the
 * JDK's HTTP server carries them, as OTLP/HTTP is a plain POST per export. Keeps the spans and, per
 * metric stream, the latest data point of the {@link #SCOPE} instruments (cumulative temporality: the
 * latest point is the total).
 */
final class OtlpReceiver implements AutoCloseable {
  /** The instrumentation scope of statefun-opentelemetry's meter and tracer. */
  static final String SCOPE = "dev.statefun.jakarta";

  private final HttpServer server;
  private final List<Span> spans = new ArrayList<>();
  private final List<String> refused = new ArrayList<>();
  // metric name -> (attributes rendered "type|outcome") -> latest value (a sum's value, a histogram's count)
  private final Map<String, Map<String, Long>> latest = new HashMap<>();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  static OtlpReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      OtlpReceiver receiver = new OtlpReceiver(server);
      server.createContext("/v1/metrics", exchange -> receiver.handle(exchange, ExportMetricsServiceRequest.parser(),
          receiver::metrics, ExportMetricsServiceResponse.getDefaultInstance()));
      server.createContext("/v1/traces", exchange -> receiver.handle(exchange, ExportTraceServiceRequest.parser(),
          receiver::traces, ExportTraceServiceResponse.getDefaultInstance()));
      // Logs are not asked for; answer them anyway so that an exporter turned on by default does not retry.
      server.createContext("/", exchange -> {
        try (exchange) {
          reply(exchange, 200, new byte[0]);
        }
      });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot listen on 127.0.0.1", e);
    }
  }

  /** What otel.exporter.otlp.endpoint names: the exporters append /v1/metrics and /v1/traces. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The spans received so far, of {@link #SCOPE} only (the servers also trace their HTTP requests). */
  synchronized List<Span> spans() {
    return List.copyOf(spans);
  }

  /**
   * The latest value per attribute set of a metric: a counter's sum or a histogram's count, keyed
   * {@code function-type|outcome} ({@code -} for none; a second attribute other than the outcome in its place).
   */
  synchronized Map<String, Long> metric(String name) {
    return Map.copyOf(latest.getOrDefault(name, Map.of()));
  }

  /** Waits until {@code condition} holds for what {@code read} returns, and returns that; fails after {@code timeout}. */
  <T> T await(Supplier<T> read, Predicate<T> condition, Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        T value = read.get();
        if (condition.test(value)) {
          return value;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("Still " + value + " after " + timeout
              + (refused.isEmpty() ? "" : "; exports refused: " + refused));
        }
        // Woken by every export that arrives.
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private <M extends Message> void handle(HttpExchange exchange, com.google.protobuf.Parser<M> parser,
      java.util.function.Consumer<M> sink, Message response) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, new byte[0]);
        return;
      }
      M request;
      try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
        request = parser.parseFrom(body);
      } catch (IOException | RuntimeException | LinkageError e) {
        // A JSON export (otel.exporter.otlp.protocol=http/json) would land here: the suites ask for protobuf.
        synchronized (this) {
          refused.add(exchange.getRequestURI() + ": " + e);
        }
        reply(exchange, 400, ("not OTLP protobuf: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return;
      }
      synchronized (this) {
        sink.accept(request);
        notifyAll();
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      reply(exchange, 200, response.toByteArray());
    }
  }

  private void metrics(ExportMetricsServiceRequest request) {
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        if (!SCOPE.equals(scope.getScope().getName())) {
          continue;
        }
        for (Metric metric : scope.getMetricsList()) {
          Map<String, Long> streams = latest.computeIfAbsent(metric.getName(), name -> new HashMap<>());
          switch (metric.getDataCase()) {
            case SUM -> metric.getSum().getDataPointsList().forEach(point -> streams.put(key(point.getAttributesList()),
                point.hasAsInt() ? point.getAsInt() : (long) point.getAsDouble()));
            case HISTOGRAM -> metric.getHistogram().getDataPointsList().forEach(point ->
                streams.put(key(point.getAttributesList()), point.getCount()));
            default -> { } // statefun-opentelemetry reports sums and histograms only
          }
        }
      }
    }
  }

  private void traces(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        if (SCOPE.equals(scope.getScope().getName())) {
          spans.addAll(scope.getSpansList());
        }
      }
    }
  }

  /** {@code type|outcome}, or {@code type|effect} for the effects counter, {@code -} where an attribute is absent. */
  static String key(List<KeyValue> attributes) {
    String type = "-";
    String second = "-";
    for (KeyValue attribute : attributes) {
      switch (attribute.getKey()) {
        case "statefun.function.type" -> type = attribute.getValue().getStringValue();
        case "statefun.outcome", "statefun.effect" -> second = attribute.getValue().getStringValue();
        default -> { }
      }
    }
    return type + "|" + second;
  }

  static String attribute(Span span, String key) {
    for (KeyValue attribute : span.getAttributesList()) {
      if (attribute.getKey().equals(key)) {
        var value = attribute.getValue();
        return value.hasIntValue() ? Long.toString(value.getIntValue()) : value.getStringValue();
      }
    }
    return null;
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
