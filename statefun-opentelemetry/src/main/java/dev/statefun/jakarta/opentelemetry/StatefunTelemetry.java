package dev.statefun.jakarta.opentelemetry;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.handler.BatchObservation;
import dev.statefun.jakarta.handler.BatchOutcome;
import dev.statefun.jakarta.handler.HandlerObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

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
 *
 * <p>Cost per request: the counters are summed here, in one {@link LongAdder} per series, and read by
 * the SDK only when it collects (observable counters); a request adds to a few adders and records
 * two histograms. An SDK's synchronous counter looks its attributes up in a map on every call, which
 * costs several times more than the adder. Call {@link #close()} when the application stops, so the
 * SDK drops the callbacks.
 */
public final class StatefunTelemetry implements HandlerObserver, AutoCloseable {
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
  // The outcome attribute's values, by ordinal: "replied", "function_failed", ...
  private static final String[] OUTCOME_NAMES = outcomeNames();
  // The effect kinds, in the order of Series.effects.
  private static final String[] EFFECTS = {"message", "delayed_message", "cancellation", "egress"};
  private static final int MESSAGES = 0;
  private static final int DELAYED_MESSAGES = 1;
  private static final int CANCELLATIONS = 2;
  private static final int EGRESS_RECORDS = 3;

  private final Tracer tracer;
  private final DoubleHistogram duration;
  private final LongHistogram batchSize;
  // What the SDK calls back when it collects; closed with this observer.
  private final List<ObservableLongCounter> callbacks = new ArrayList<>();
  // Series per served function type, created on its first request; noType for requests that name none.
  private final Map<TypeName, Series> series = new ConcurrentHashMap<>();
  private final Series noType = new Series(null);

  private StatefunTelemetry(OpenTelemetry openTelemetry) {
    Meter meter = openTelemetry.getMeter(SCOPE);
    tracer = openTelemetry.getTracer(SCOPE);
    duration = withBuckets(meter.histogramBuilder("statefun.function.batch.duration").setUnit("s")
        .setDescription("Time from the request's bytes to its reply, by function type and outcome"));
    batchSize = batchSizeHistogram(meter);
    observe(meter.counterBuilder("statefun.function.batches").setUnit("{request}")
        .setDescription("Requests (invocation batches) answered, by function type and outcome"),
        measurement -> forEachOutcome(measurement, false, s -> s.batches));
    observe(meter.counterBuilder("statefun.function.invocations").setUnit("{invocation}")
        .setDescription("Invocations carried by the requests, by function type and outcome"),
        measurement -> forEachOutcome(measurement, false, s -> s.invocations));
    observe(meter.counterBuilder("statefun.function.failures").setUnit("{request}")
        .setDescription("Requests answered with an error (function failed, unknown function, malformed request)"),
        measurement -> forEachOutcome(measurement, true, s -> s.batches));
    observe(meter.counterBuilder("statefun.function.effects").setUnit("{effect}")
        .setDescription("Messages, delayed messages, cancellations and egress records replied, by function type"),
        measurement -> forEachSeries(s -> {
          for (int i = 0; i < EFFECTS.length; i++) {
            recordIfAny(measurement, s.effects[i], s.byEffect[i]);
          }
        }));
    observe(meter.counterBuilder("statefun.function.state.read").setUnit("By")
        .setDescription("Bytes of state values the runtime sent with the requests"),
        measurement -> forEachSeries(s -> recordIfAny(measurement, s.stateRead, s.byType)));
    observe(meter.counterBuilder("statefun.function.state.written").setUnit("By")
        .setDescription("Bytes of state values the replies wrote back"),
        measurement -> forEachSeries(s -> recordIfAny(measurement, s.stateWritten, s.byType)));
  }

  /** An observer reporting to {@code openTelemetry}'s meter and tracer providers. */
  public static StatefunTelemetry of(OpenTelemetry openTelemetry) {
    return new StatefunTelemetry(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  @Override
  public void batchCompleted(BatchObservation observation) {
    BatchOutcome outcome = observation.outcome();
    Series of = served(outcome) && observation.functionType().isPresent()
        ? series.computeIfAbsent(observation.functionType().get(), Series::new)
        : noType;
    int cell = outcome.ordinal();
    of.batches[cell].increment();
    of.invocations[cell].add(observation.batchSize());
    duration.record(observation.duration().toNanos() / 1e9, of.byOutcome[cell]);
    batchSize.record(observation.batchSize(), of.byType);
    addIfAny(of.effects[MESSAGES], observation.messages());
    addIfAny(of.effects[DELAYED_MESSAGES], observation.delayedMessages());
    addIfAny(of.effects[CANCELLATIONS], observation.cancellations());
    addIfAny(of.effects[EGRESS_RECORDS], observation.egressRecords());
    addIfAny(of.stateRead, observation.stateBytesRead());
    addIfAny(of.stateWritten, observation.stateBytesWritten());

    span(observation, of);
  }

  /** Stops reporting the counters: the SDK no longer calls back into this observer (and its class loader). */
  @Override
  public void close() {
    for (ObservableLongCounter callback : callbacks) {
      try {
        callback.close();
      } catch (LinkageError olderApi) {
        // An API before 1.12 cannot close an observable instrument; its SDK keeps the callback.
      }
    }
    callbacks.clear();
  }

  /** The outcomes of requests to a function this deployment serves: their type is a bounded attribute. */
  private static boolean served(BatchOutcome outcome) {
    return outcome == BatchOutcome.REPLIED || outcome == BatchOutcome.INCOMPLETE_CONTEXT
        || outcome == BatchOutcome.FUNCTION_FAILED;
  }

  private static boolean failed(BatchOutcome outcome) {
    return outcome != BatchOutcome.REPLIED && outcome != BatchOutcome.INCOMPLETE_CONTEXT;
  }

  /** One span per request, its start put back by the request's duration (the observer hears of it at the end). */
  private void span(BatchObservation observation, Series of) {
    Instant now = Instant.now();
    long endNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    BatchOutcome outcome = observation.outcome();
    String name = of != noType ? of.spanName
        : observation.functionType().map(type -> "statefun " + type.canonical()).orElse("statefun batch");
    // Attributes go on the builder: the sampler sees them, and the span takes them without a lock.
    SpanBuilder builder = tracer.spanBuilder(name)
        .setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(endNanos - observation.duration().toNanos(), TimeUnit.NANOSECONDS)
        .setAttribute(BATCH_SIZE, (long) observation.batchSize())
        .setAttribute(OUTCOME, OUTCOME_NAMES[outcome.ordinal()]);
    if (observation.address().isPresent()) {
      Address address = observation.address().get();
      builder.setAttribute(FUNCTION_TYPE, address.type().canonical()).setAttribute(ADDRESS_ID, address.id());
    } else if (observation.functionType().isPresent()) {
      builder.setAttribute(FUNCTION_TYPE, observation.functionType().get().canonical());
    }
    Span span = builder.startSpan();
    if (failed(outcome) && span.isRecording()) {
      String message = observation.failure().map(Throwable::getMessage).orElse(OUTCOME_NAMES[outcome.ordinal()]);
      span.setStatus(StatusCode.ERROR, message);
      if (observation.failedInvocation().isPresent()) {
        var event = Attributes.builder()
            .put(INVOCATION_INDEX, (long) observation.failedInvocation().getAsInt())
            .put(ADDRESS_ID, observation.address().map(Address::id).orElse(""));
        observation.failure().map(Throwable::getCause).ifPresent(cause -> event
            .put(EXCEPTION_TYPE, cause.getClass().getName())
            .put(EXCEPTION_MESSAGE, String.valueOf(cause.getMessage())));
        span.addEvent("statefun.invocation.failed", event.build());
      }
    }
    span.end(endNanos, TimeUnit.NANOSECONDS);
  }

  private void observe(LongCounterBuilder counter, Consumer<ObservableLongMeasurement> callback) {
    callbacks.add(counter.buildWithCallback(callback));
  }

  private void forEachSeries(Consumer<Series> action) {
    action.accept(noType);
    series.values().forEach(action);
  }

  /**
   * Reports {@code adders} of each outcome a request ended with (of the failures only, if {@code
   * failuresOnly}): a series exists from its first request on, as a synchronous counter's would.
   */
  private void forEachOutcome(ObservableLongMeasurement measurement, boolean failuresOnly,
      Function<Series, LongAdder[]> adders) {
    forEachSeries(s -> {
      LongAdder[] values = adders.apply(s);
      for (BatchOutcome outcome : OUTCOMES) {
        int cell = outcome.ordinal();
        if (s.batches[cell].sum() > 0 && (!failuresOnly || failed(outcome))) {
          measurement.record(values[cell].sum(), s.byOutcome[cell]);
        }
      }
    });
  }

  private static void recordIfAny(ObservableLongMeasurement measurement, LongAdder adder, Attributes attributes) {
    long sum = adder.sum();
    if (sum > 0) {
      measurement.record(sum, attributes);
    }
  }

  private static void addIfAny(LongAdder adder, long value) {
    if (value > 0) {
      adder.add(value);
    }
  }

  static String outcomeName(BatchOutcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  private static String[] outcomeNames() {
    String[] names = new String[OUTCOMES.length];
    for (BatchOutcome outcome : OUTCOMES) {
      names[outcome.ordinal()] = outcomeName(outcome);
    }
    return names;
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

  /** The counts and attribute sets of one function type (or of none), built once, so a request allocates none. */
  private static final class Series {
    final Attributes byType;
    final String spanName;
    final Attributes[] byOutcome = new Attributes[OUTCOMES.length];
    final Attributes[] byEffect = new Attributes[EFFECTS.length];
    final LongAdder[] batches = adders(OUTCOMES.length);
    final LongAdder[] invocations = adders(OUTCOMES.length);
    final LongAdder[] effects = adders(EFFECTS.length);
    final LongAdder stateRead = new LongAdder();
    final LongAdder stateWritten = new LongAdder();

    Series(TypeName type) {
      byType = type == null ? Attributes.empty() : Attributes.of(FUNCTION_TYPE, type.canonical());
      spanName = type == null ? "statefun batch" : "statefun " + type.canonical();
      for (BatchOutcome outcome : OUTCOMES) {
        byOutcome[outcome.ordinal()] = byType.toBuilder().put(OUTCOME, OUTCOME_NAMES[outcome.ordinal()]).build();
      }
      for (int i = 0; i < EFFECTS.length; i++) {
        byEffect[i] = byType.toBuilder().put(EFFECT, EFFECTS[i]).build();
      }
    }

    private static LongAdder[] adders(int count) {
      LongAdder[] adders = new LongAdder[count];
      for (int i = 0; i < count; i++) {
        adders[i] = new LongAdder();
      }
      return adders;
    }
  }
}
