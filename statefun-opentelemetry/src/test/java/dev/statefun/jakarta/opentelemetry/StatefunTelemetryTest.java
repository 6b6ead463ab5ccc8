package dev.statefun.jakarta.opentelemetry;

import static dev.statefun.jakarta.opentelemetry.TestBatches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A known mix of requests through a real handler; every counter, histogram count and span checked. */
class StatefunTelemetryTest {
  static final TypeName SYNC = TypeName.parse("t.fns/sync");
  static final TypeName ASYNC = TypeName.parse("t.fns/async");
  static final TypeName FAIL = TypeName.parse("t.fns/fail");
  static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);

  final ExecutorService elsewhere = Executors.newSingleThreadExecutor();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .build();

  @AfterEach
  void close() {
    elsewhere.shutdownNow();
    sdk.close();
  }

  static FunctionRegistry functions(ExecutorService elsewhere) {
    return FunctionRegistry.builder()
        .register(FunctionSpec.builder(SYNC).withValueSpec(COUNT).withFunction((context, message) -> {
          context.storage().set(COUNT, context.storage().get(COUNT).orElse(0) + 1);
          context.send(MessageBuilder.forAddress(SYNC, "other").withValue(message.asString()).build());
          context.send(EgressMessage.of(TypeName.parse("t.io/out"), Types.STRING, message.asString()));
        }).build())
        .register(FunctionSpec.builder(ASYNC).withAsyncFunction((context, message) ->
            CompletableFuture.runAsync(() -> {}, elsewhere)).build())
        .register(FunctionSpec.builder(FAIL).withFunction((context, message) -> {
          if (message.asString().equals("call-1")) {
            throw new IllegalStateException("no call-1 here");
          }
        }).build())
        .build();
  }

  /** The mix of the README's metrics table: 9 requests, 23 invocations. */
  static void sendMix(RequestReplyHandler handler) {
    for (int size = 1; size <= 3; size++) {
      handler.handleBlocking(batch(SYNC, "s" + size, size, "count")); // replied: 3 requests, 6 invocations
    }
    handler.handleBlocking(batch(ASYNC, "a1", 4)); // replied async: 2 requests, 8 invocations
    handler.handleBlocking(batch(ASYNC, "a2", 4));
    settle(handler.handle(batch(FAIL, "f1", 2))); // fails at invocation 1
    handler.handleBlocking(batch(SYNC, "s-new", 5)); // no state sent: incomplete context
    settle(handler.handle(batch(TypeName.parse("t.fns/nobody"), "u", 1))); // unknown function
    settle(handler.handle(new byte[] {(byte) 0xff, 0x01})); // malformed
  }

  private static void settle(CompletionStage<byte[]> stage) {
    stage.toCompletableFuture().handle((reply, failure) -> null).join();
  }

  @Test
  void countsEveryRequestByTypeAndOutcome() {
    sendMix(functions(elsewhere).handler(List.of(StatefunTelemetry.of(sdk))));
    Collection<MetricData> data = metrics.collectAllMetrics();

    Map<String, Long> expectedRequests = Map.of(
        "t.fns/sync|replied", 3L, "t.fns/async|replied", 2L, "t.fns/fail|function_failed", 1L,
        "t.fns/sync|incomplete_context", 1L, "-|unknown_function", 1L, "-|malformed_request", 1L);
    assertEquals(expectedRequests, sums(data, "statefun.function.batches"));
    assertEquals(Map.of(
        "t.fns/sync|replied", 6L, "t.fns/async|replied", 8L, "t.fns/fail|function_failed", 2L,
        "t.fns/sync|incomplete_context", 5L, "-|unknown_function", 1L, "-|malformed_request", 0L),
        sums(data, "statefun.function.invocations"));
    assertEquals(Map.of("t.fns/fail|function_failed", 1L, "-|unknown_function", 1L, "-|malformed_request", 1L),
        sums(data, "statefun.function.failures"));
    assertEquals(expectedRequests, histogramCounts(data, "statefun.function.batch.duration"));
    assertEquals(Map.of("t.fns/sync|-", 4L, "t.fns/async|-", 2L, "t.fns/fail|-", 1L, "-|-", 2L),
        histogramCounts(data, "statefun.function.batch.size"));
    assertEquals(Map.of("t.fns/sync|message", 6L, "t.fns/sync|egress", 6L), effects(data));
    // Each replied sync batch read one int state (value 1) and wrote one back (1 + 1 = 2).
    assertEquals(Map.of("t.fns/sync|-", 3L * Types.INT.serialize(1).length),
        sums(data, "statefun.function.state.read"));
    assertEquals(Map.of("t.fns/sync|-", 3L * Types.INT.serialize(2).length),
        sums(data, "statefun.function.state.written"));
    HistogramPointData sizes = points(data, "statefun.function.batch.size").stream()
        .map(HistogramPointData.class::cast)
        .filter(p -> "t.fns/sync".equals(p.getAttributes().get(StatefunTelemetry.FUNCTION_TYPE)))
        .findFirst().orElseThrow();
    assertEquals(1 + 2 + 3 + 5, sizes.getSum());
  }

  @Test
  void closedItReportsNoCountersAnyMore() {
    StatefunTelemetry telemetry = StatefunTelemetry.of(sdk);
    sendMix(functions(elsewhere).handler(List.of(telemetry)));
    assertEquals(9L, sums(metrics.collectAllMetrics(), "statefun.function.batches").values().stream()
        .mapToLong(Long::longValue).sum());

    telemetry.close();

    Collection<MetricData> after = metrics.collectAllMetrics();
    for (String counter : List.of("statefun.function.batches", "statefun.function.invocations",
        "statefun.function.failures", "statefun.function.effects", "statefun.function.state.read",
        "statefun.function.state.written")) {
      assertEquals(List.of(), List.copyOf(points(after, counter)), counter);
    }
  }

  @Test
  void oneSpanPerRequestAndTheFailingInvocationAsAnEvent() {
    sendMix(functions(elsewhere).handler(List.of(StatefunTelemetry.of(sdk))));
    List<SpanData> finished = spans.getFinishedSpanItems();

    assertEquals(9, finished.size());
    Map<String, Long> byNameAndOutcome = new HashMap<>();
    for (SpanData span : finished) {
      byNameAndOutcome.merge(span.getName() + "|" + span.getAttributes().get(StatefunTelemetry.OUTCOME), 1L, Long::sum);
    }
    assertEquals(Map.of("statefun t.fns/sync|replied", 3L, "statefun t.fns/async|replied", 2L,
        "statefun t.fns/fail|function_failed", 1L, "statefun t.fns/sync|incomplete_context", 1L,
        "statefun t.fns/nobody|unknown_function", 1L, "statefun batch|malformed_request", 1L), byNameAndOutcome);

    SpanData failed = finished.stream().filter(s -> s.getName().equals("statefun t.fns/fail")).findFirst().orElseThrow();
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertEquals("t.fns/fail", failed.getAttributes().get(StatefunTelemetry.FUNCTION_TYPE));
    assertEquals(2L, failed.getAttributes().get(StatefunTelemetry.BATCH_SIZE));
    assertEquals(1, failed.getEvents().size());
    EventData event = failed.getEvents().get(0);
    assertEquals("statefun.invocation.failed", event.getName());
    assertEquals(1L, event.getAttributes().get(StatefunTelemetry.INVOCATION_INDEX));
    assertEquals("f1", event.getAttributes().get(StatefunTelemetry.ADDRESS_ID));
    assertEquals(IllegalStateException.class.getName(), event.getAttributes().get(StatefunTelemetry.EXCEPTION_TYPE));
    assertEquals("no call-1 here", event.getAttributes().get(StatefunTelemetry.EXCEPTION_MESSAGE));
    for (SpanData span : finished) {
      assertEquals(span == failed ? 1 : 0, span.getEvents().size(), span::toString);
      assertEquals(false, span.getEndEpochNanos() < span.getStartEpochNanos(), span::toString);
    }
  }

  static Map<String, Long> sums(Collection<MetricData> data, String name) {
    Map<String, Long> sums = new HashMap<>();
    for (Object point : points(data, name)) {
      LongPointData p = (LongPointData) point;
      sums.merge(key(p.getAttributes()), p.getValue(), Long::sum);
    }
    return sums;
  }

  static Map<String, Long> histogramCounts(Collection<MetricData> data, String name) {
    Map<String, Long> counts = new HashMap<>();
    for (Object point : points(data, name)) {
      HistogramPointData p = (HistogramPointData) point;
      counts.merge(key(p.getAttributes()), p.getCount(), Long::sum);
    }
    return counts;
  }

  static Map<String, Long> effects(Collection<MetricData> data) {
    Map<String, Long> sums = new HashMap<>();
    for (Object point : points(data, "statefun.function.effects")) {
      LongPointData p = (LongPointData) point;
      sums.merge(p.getAttributes().get(StatefunTelemetry.FUNCTION_TYPE) + "|"
          + p.getAttributes().get(StatefunTelemetry.EFFECT), p.getValue(), Long::sum);
    }
    return sums;
  }

  static Collection<?> points(Collection<MetricData> data, String name) {
    return data.stream().filter(m -> m.getName().equals(name)).findFirst()
        .map(m -> m.getData().getPoints()).orElse(List.of());
  }

  private static String key(Attributes attributes) {
    String type = attributes.get(StatefunTelemetry.FUNCTION_TYPE);
    String outcome = attributes.get(StatefunTelemetry.OUTCOME);
    return (type == null ? "-" : type) + "|" + (outcome == null ? "-" : outcome);
  }
}
