package dev.statefun.jakarta.embedded;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The embedded server's metrics: an OpenTelemetry meter provider whose only reader is OpenTelemetry's
 * Prometheus reader, so the same {@code statefun-opentelemetry} instruments that report to a server's
 * MicroProfile Telemetry are scraped here, collected only when Prometheus asks. Tracing is a no-op
 * here (no exporter to send spans to).
 */
public final class PrometheusMetrics implements MetricsResource.Scrape, AutoCloseable {
  private final PrometheusMetricReader reader = PrometheusMetricReader.builder()
      .setOtelScopeLabelsEnabled(false) // one instrumentation scope: its labels would only repeat
      .setTargetInfoMetricEnabled(false)
      .build();
  private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final OpenTelemetry openTelemetry = new OpenTelemetry() {
    @Override
    public TracerProvider getTracerProvider() {
      return TracerProvider.noop();
    }

    @Override
    public MeterProvider getMeterProvider() {
      return meters;
    }

    @Override
    public ContextPropagators getPropagators() {
      return ContextPropagators.noop();
    }
  };

  /** What to report to (e.g. {@code StatefunTelemetry.of(metrics.openTelemetry())}). */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    writer.write(out, reader.collect(), EscapingScheme.UNDERSCORE_ESCAPING);
  }

  @Override
  public void close() {
    meters.close();
  }
}
