package dev.statefun.jakarta.opentelemetry;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.handler.BatchObservation;
import dev.statefun.jakarta.handler.BatchOutcome;
import dev.statefun.jakarta.handler.HandlerObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns every request the handler answers into OpenTelemetry metrics and one span, through the
 * OpenTelemetry API only. Use it as the handler's observer:
 * {@code registry.handler(List.of(StatefunTelemetry.of(openTelemetry)))}; with CDI, this module
 * registers it by itself (see {@link TelemetryExtension}).
 *
 * <p>Metric attributes are the function type and the outcome only, never the address id (one time
 * series per id would be unbounded). Requests that name no served function (unknown function,
 * malformed request) carry no function type: that type came from the request, not from the
 * deployment; their span has it.
 */
public final class StatefunTelemetry implements HandlerObserver {
  /** The instrumentation scope of the meter and the tracer. */
  public static final String SCOPE = "dev.statefun.jakarta";

  static final AttributeKey<String> FUNCTION_TYPE = AttributeKey.stringKey("statefun.function.type");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("statefun.outcome");
  static final AttributeKey<String> EFFECT = AttributeKey.stringKey("statefun.effect");
  static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("statefun.batch.size");
  static final AttributeKey<String> ADDRESS_ID = AttributeKey.stringKey("statefun.address.id");
  static final AttributeKey<Long> INVOCATION_INDEX = AttributeKey.longKey("statefun.invocation.index");
  static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

  // Seconds, from 0.5 ms to 10 s: a batch is usually milliseconds, the runtime's call timeout is 1 minute.
  static final List<Double> DURATION_BUCKETS =
      List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);
  // Invocations per request: the runtime batches up to 1000 per address by default.
  static final List<Long> BATCH_SIZE_BUCKETS = List.of(1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L, 1000L);

  private static final BatchOutcome[] OUTCOMES = BatchOutcome.values();
  private static final String[] EFFECTS = {"message", "delayed_message", "cancellation", "egress"};

  private final Tracer tracer;
  private final LongCounter batches;
  private final LongCounter invocations;
  private final LongCounter failures;
  private final DoubleHistogram duration;
  private final LongHistogram batchSize;
  private final LongCounter effects;
  private final LongCounter stateRead;
  private final LongCounter stateWritten;
  // Attributes built once per function type, so a request allocates none.
  private final Map<TypeName, Labels> labels = new ConcurrentHashMap<>();
  private final Labels noType = new Labels(null);

  private StatefunTelemetry(OpenTelemetry openTelemetry) {
    Meter meter = openTelemetry.getMeter(SCOPE);
    tracer = openTelemetry.getTracer(SCOPE);
    batches = meter.counterBuilder("statefun.function.batches").setUnit("{request}")
        .setDescription("Requests (invocation batches) answered, by function type and outcome").build();
    invocations = meter.counterBuilder("statefun.function.invocations").setUnit("{invocation}")
        .setDescription("Invocations carried by the requests, by function type and outcome").build();
    failures = meter.counterBuilder("statefun.function.failures").setUnit("{request}")
        .setDescription("Requests answered with an error (function failed, unknown function, malformed request)")
        .build();
    duration = withBuckets(meter.histogramBuilder("statefun.function.batch.duration").setUnit("s")
        .setDescription("Time from the request's bytes to its reply, by function type and outcome"));
    batchSize = batchSizeHistogram(meter);
    effects = meter.counterBuilder("statefun.function.effects").setUnit("{effect}")
        .setDescription("Messages, delayed messages, cancellations and egress records replied, by function type")
        .build();
    stateRead = meter.counterBuilder("statefun.function.state.read").setUnit("By")
        .setDescription("Bytes of state values the runtime sent with the requests").build();
    stateWritten = meter.counterBuilder("statefun.function.state.written").setUnit("By")
        .setDescription("Bytes of state values the replies wrote back").build();
  }

  /** An observer reporting to {@code openTelemetry}'s meter and tracer providers. */
  public static StatefunTelemetry of(OpenTelemetry openTelemetry) {
    return new StatefunTelemetry(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  @Override
  public void batchCompleted(BatchObservation observation) {
    BatchOutcome outcome = observation.outcome();
    boolean served = outcome == BatchOutcome.REPLIED || outcome == BatchOutcome.INCOMPLETE_CONTEXT
        || outcome == BatchOutcome.FUNCTION_FAILED;
    Labels of = served ? observation.functionType().map(type -> labels.computeIfAbsent(type, Labels::new)).orElse(noType)
        : noType;
    Attributes byOutcome = of.byOutcome[outcome.ordinal()];

    batches.add(1, byOutcome);
    invocations.add(observation.batchSize(), byOutcome);
    duration.record(observation.duration().toNanos() / 1e9, byOutcome);
    batchSize.record(observation.batchSize(), of.byType);
    if (outcome != BatchOutcome.REPLIED && outcome != BatchOutcome.INCOMPLETE_CONTEXT) {
      failures.add(1, byOutcome);
    }
    addIfAny(effects, observation.messages(), of.byEffect[0]);
    addIfAny(effects, observation.delayedMessages(), of.byEffect[1]);
    addIfAny(effects, observation.cancellations(), of.byEffect[2]);
    addIfAny(effects, observation.egressRecords(), of.byEffect[3]);
    addIfAny(stateRead, observation.stateBytesRead(), of.byType);
    addIfAny(stateWritten, observation.stateBytesWritten(), of.byType);

    span(observation);
  }

  /** One span per request, its start put back by the request's duration (the observer hears of it at the end). */
  private void span(BatchObservation observation) {
    Instant end = Instant.now();
    Instant start = end.minus(observation.duration());
    String type = observation.functionType().map(TypeName::canonical).orElse("");
    Span span = tracer.spanBuilder(type.isEmpty() ? "statefun batch" : "statefun " + type)
        .setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(start.getEpochSecond() * 1_000_000_000L + start.getNano(), TimeUnit.NANOSECONDS)
        .startSpan();
    if (span.isRecording()) {
      if (!type.isEmpty()) {
        span.setAttribute(FUNCTION_TYPE, type);
      }
      span.setAttribute(BATCH_SIZE, (long) observation.batchSize());
      span.setAttribute(OUTCOME, outcomeName(observation.outcome()));
      observation.address().ifPresent(address -> span.setAttribute(ADDRESS_ID, address.id()));
      if (observation.outcome() != BatchOutcome.REPLIED && observation.outcome() != BatchOutcome.INCOMPLETE_CONTEXT) {
        String message = observation.failure().map(Throwable::getMessage).orElse(outcomeName(observation.outcome()));
        span.setStatus(StatusCode.ERROR, message);
        if (observation.failedInvocation().isPresent()) {
          var event = Attributes.builder()
              .put(INVOCATION_INDEX, (long) observation.failedInvocation().getAsInt())
              .put(ADDRESS_ID, observation.address().map(a -> a.id()).orElse(""));
          observation.failure().map(Throwable::getCause).ifPresent(cause -> event
              .put(EXCEPTION_TYPE, cause.getClass().getName())
              .put(EXCEPTION_MESSAGE, String.valueOf(cause.getMessage())));
          span.addEvent("statefun.invocation.failed", event.build());
        }
      }
    }
    span.end(end.getEpochSecond() * 1_000_000_000L + end.getNano(), TimeUnit.NANOSECONDS);
  }

  private static void addIfAny(LongCounter counter, long value, Attributes attributes) {
    if (value > 0) {
      counter.add(value, attributes);
    }
  }

  static String outcomeName(BatchOutcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  private static DoubleHistogram withBuckets(DoubleHistogramBuilder builder) {
    try {
      builder.setExplicitBucketBoundariesAdvice(DURATION_BUCKETS);
    } catch (NoSuchMethodError olderApi) {
      // OpenTelemetry API before 1.32 (Payara's): the SDK's default buckets apply.
    }
    return builder.build();
  }

  private static LongHistogram batchSizeHistogram(Meter meter) {
    var builder = meter.histogramBuilder("statefun.function.batch.size").ofLongs().setUnit("{invocation}")
        .setDescription("Invocations per request, by function type");
    try {
      builder.setExplicitBucketBoundariesAdvice(BATCH_SIZE_BUCKETS);
    } catch (NoSuchMethodError olderApi) {
      // As above.
    }
    return builder.build();
  }

  /** The attribute sets of one function type (or of none). */
  private static final class Labels {
    final Attributes byType;
    final Attributes[] byOutcome = new Attributes[OUTCOMES.length];
    final Attributes[] byEffect = new Attributes[EFFECTS.length];

    Labels(TypeName type) {
      byType = type == null ? Attributes.empty() : Attributes.of(FUNCTION_TYPE, type.canonical());
      for (BatchOutcome outcome : OUTCOMES) {
        byOutcome[outcome.ordinal()] = byType.toBuilder().put(OUTCOME, outcomeName(outcome)).build();
      }
      for (int i = 0; i < EFFECTS.length; i++) {
        byEffect[i] = byType.toBuilder().put(EFFECT, EFFECTS[i]).build();
      }
    }
  }
}
