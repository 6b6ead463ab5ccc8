package dev.statefun.jakarta.benchmarks;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * An OpenTelemetry SDK as a server runs it with metrics and traces on: every span sampled and
 * batched to an exporter, metrics aggregated for a pull reader. The exporter and the reader drop
 * what they get, so the benchmark measures the recording side only (what a request pays).
 */
final class TelemetrySdk implements OpenTelemetry, AutoCloseable {
  private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(new PullReader()).build();
  private final SdkTracerProvider tracers = SdkTracerProvider.builder()
      .addSpanProcessor(BatchSpanProcessor.builder(new DroppingExporter()).build()).build();

  @Override
  public TracerProvider getTracerProvider() {
    return tracers;
  }

  @Override
  public MeterProvider getMeterProvider() {
    return meters;
  }

  @Override
  public ContextPropagators getPropagators() {
    return ContextPropagators.noop();
  }

  @Override
  public void close() {
    meters.close();
    tracers.close();
  }

  /** A reader that is never asked: like Prometheus between two scrapes. */
  private static final class PullReader implements MetricReader {
    @Override
    public void register(CollectionRegistration registration) {}

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private static final class DroppingExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
