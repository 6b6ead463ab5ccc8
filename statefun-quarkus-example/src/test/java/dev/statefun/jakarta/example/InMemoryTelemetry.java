package dev.statefun.jakarta.example;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Plays the part of MicroProfile Telemetry (quarkus-opentelemetry) for the tests: the {@link OpenTelemetry}
 * bean that statefun-opentelemetry's observer reports to, an SDK whose metrics are read on demand and whose
 * spans are exported as each ends (synchronously, so a request's span is there once its reply is).
 */
@Singleton
public class InMemoryTelemetry {
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .build();

  @Produces
  @Singleton
  OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** Every metric's points as of now (observable counters are read at this call). */
  List<MetricData> collectMetrics() {
    return List.copyOf(metrics.collectAllMetrics());
  }

  /** Every span ended so far. */
  List<SpanData> spans() {
    return spans.getFinishedSpanItems();
  }

  @PreDestroy
  void close() {
    sdk.close();
  }
}
