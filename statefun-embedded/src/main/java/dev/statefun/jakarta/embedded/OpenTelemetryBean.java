package dev.statefun.jakarta.embedded;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Makes the embedded server's OpenTelemetry (metrics for /metrics) a bean, as MicroProfile Telemetry
 * does on a server, so statefun-opentelemetry's observer reports to it.
 */
final class OpenTelemetryBean implements Extension {
  private final OpenTelemetry openTelemetry;

  OpenTelemetryBean(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
  }

  void addBean(@Observes AfterBeanDiscovery event) {
    event.addBean().types(OpenTelemetry.class, Object.class).scope(ApplicationScoped.class)
        .createWith(context -> openTelemetry);
  }
}
