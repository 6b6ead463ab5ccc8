package dev.statefun.jakarta.embedded;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;
import java.util.Optional;

/**
 * What the embedded server's {@code statefun-opentelemetry} observer reports to. As MicroProfile
 * Telemetry on a server, the OpenTelemetry SDK stays off unless {@code otel.sdk.disabled=false}
 * (system property) or {@code OTEL_SDK_DISABLED=false} (environment) turns it on; then
 * OpenTelemetry's autoconfiguration reads every standard {@code OTEL_*} setting (exporter endpoint,
 * sampler, service name, resource attributes, batch span processor), spans are exported over OTLP
 * by default, and {@code /metrics} is read from that SDK's meter provider. Metrics are exported only
 * to {@code /metrics} unless {@code OTEL_METRICS_EXPORTER} asks for more. With the SDK off, metrics
 * are {@code /metrics}' own and tracing is a no-op.
 */
final class ServerOpenTelemetry implements AutoCloseable {
  // Defaults below every OTEL_* setting: the SDK is on for traces, Prometheus reads the metrics.
  private static final Map<String, String> DEFAULTS = Map.of(
      "otel.metrics.exporter", "none",
      "otel.logs.exporter", "none");

  private final OpenTelemetry openTelemetry;
  private final AutoCloseable resources;
  private final boolean sdkOn;

  private ServerOpenTelemetry(OpenTelemetry openTelemetry, AutoCloseable resources, boolean sdkOn) {
    this.openTelemetry = openTelemetry;
    this.resources = resources;
    this.sdkOn = sdkOn;
  }

  /** The OpenTelemetry to report to; empty when there is nothing to report to (no /metrics, SDK off). */
  static Optional<ServerOpenTelemetry> start(PrometheusMetrics metrics, boolean sdkOn) {
    if (sdkOn) {
      OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> DEFAULTS)
          .addMeterProviderCustomizer((meters, config) ->
              metrics == null ? meters : meters.registerMetricReader(metrics.reader()))
          .disableShutdownHook() // the server closes it, after its last request
          .build()
          .getOpenTelemetrySdk();
      return Optional.of(new ServerOpenTelemetry(sdk, sdk::close, true));
    }
    return Optional.ofNullable(metrics).map(m -> new ServerOpenTelemetry(m.openTelemetry(), m::close, false));
  }

  OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** Whether {@link EnvironmentSettings#SDK_DISABLED} turned the OpenTelemetry SDK on (else metrics only, or nothing). */
  boolean sdkOn() {
    return sdkOn;
  }

  /** Flushes what the SDK still holds (spans in its batch processor) and stops it. */
  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("Closing OpenTelemetry failed: " + e.getMessage(), e);
    }
  }
}
