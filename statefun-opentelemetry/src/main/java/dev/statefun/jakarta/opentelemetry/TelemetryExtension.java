package dev.statefun.jakarta.opentelemetry;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds {@link TelemetryObserver} as a bean whenever this jar is on the classpath, whatever the
 * discovery mode of the archive around it (this jar has no beans.xml, so nothing else makes it one).
 */
public class TelemetryExtension implements Extension {
  void addObserver(@Observes BeforeBeanDiscovery event) {
    event.addAnnotatedType(TelemetryObserver.class, TelemetryObserver.class.getName());
  }
}
