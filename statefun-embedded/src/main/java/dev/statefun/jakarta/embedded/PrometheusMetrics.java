package dev.statefun.jakarta.embedded;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The embedded server's metrics: OpenTelemetry's Prometheus reader on an OpenTelemetry meter
 * provider, so the same {@code statefun-opentelemetry} instruments that report to a server's
 * MicroProfile Telemetry are scraped here, collected only when Prometheus asks. The meter provider
 * is this object's own ({@link #openTelemetry()}: metrics only, no tracing), or, when the server's
 * OpenTelemetry SDK is on, that SDK's (see {@link ServerOpenTelemetry}).
 */
public final class PrometheusMetrics implements ServerRoot.MetricsScrape, AutoCloseable {
  private final PrometheusMetricReader reader = PrometheusMetricReader.builder()
      .setOtelScopeLabelsEnabled(false) // one instrumentation scope: its labels would only repeat
      .setTargetInfoMetricEnabled(false)
      .build();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private SdkMeterProvider meters; // created by openTelemetry(); a reader serves one meter provider only
  private OpenTelemetry openTelemetry;

  /** A meter provider of its own whose only reader this is, and no tracing (e.g. {@code StatefunTelemetry.of(metrics.openTelemetry())}). */
  public synchronized OpenTelemetry openTelemetry() {
    if (openTelemetry == null) {
      meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
      SdkMeterProvider provider = meters;
      openTelemetry = new OpenTelemetry() {
        @Override
        public TracerProvider getTracerProvider() {
          return TracerProvider.noop();
        }

        @Override
        public MeterProvider getMeterProvider() {
          return provider;
        }

        @Override
        public ContextPropagators getPropagators() {
          return ContextPropagators.noop();
        }
      };
    }
    return openTelemetry;
  }

  /** The reader, for a meter provider built elsewhere (then that provider's shutdown closes it). */
  MetricReader reader() {
    return reader;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    writer.write(out, reader.collect(), EscapingScheme.UNDERSCORE_ESCAPING);
  }

  @Override
  public synchronized void close() {
    if (meters != null) {
      meters.close();
    }
  }
}
