package dev.statefun.jakarta.health;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Asks the readiness check as the application starts, before the registry's own observer runs. */
@ApplicationScoped
public class EarlyProbe {
  static volatile HealthCheckResponse beforeRegistration;

  void probe(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object application,
      @Any Instance<HealthCheck> checks) {
    beforeRegistration = checks.select(Readiness.Literal.INSTANCE).get().call();
  }
}
