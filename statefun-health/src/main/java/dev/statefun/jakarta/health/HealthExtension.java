package dev.statefun.jakarta.health;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds the two checks as beans whenever this jar is on the classpath, whatever the discovery mode of
 * the archive around it (this jar has no beans.xml, so nothing else makes it one).
 */
public class HealthExtension implements Extension {
  void addChecks(@Observes BeforeBeanDiscovery event) {
    event.addAnnotatedType(FunctionsReadiness.class, FunctionsReadiness.class.getName());
    event.addAnnotatedType(HandlerLiveness.class, HandlerLiveness.class.getName());
  }
}
