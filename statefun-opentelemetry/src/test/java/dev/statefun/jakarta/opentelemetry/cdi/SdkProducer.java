package dev.statefun.jakarta.opentelemetry.cdi;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Plays MicroProfile Telemetry's part: the OpenTelemetry bean, here an SDK with an in-memory reader. */
@ApplicationScoped
public class SdkProducer {
  static final InMemoryMetricReader METRICS = InMemoryMetricReader.create();
  static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(METRICS).build()).build();

  @Produces
  @ApplicationScoped
  OpenTelemetry openTelemetry() {
    return SDK;
  }
}
