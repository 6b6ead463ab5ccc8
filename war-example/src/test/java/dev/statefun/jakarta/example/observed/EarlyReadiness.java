package dev.statefun.jakarta.example.observed;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Asks statefun-health's readiness check as the application starts, before the registry has marked its
 * functions served (its own observer of the same event runs later, at the default priority). The server's
 * /health/ready cannot show this moment: until the deployment has finished, the check is not in its
 * report at all.
 */
@ApplicationScoped
public class EarlyReadiness {
  static volatile String beforeRegistration = "not asked";

  void probe(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object application,
      @Any Instance<HealthCheck> checks) {
    var response = checks.select(Readiness.Literal.INSTANCE).stream()
        .map(HealthCheck::call)
        .filter(check -> check.getName().equals("statefun-functions"))
        .findFirst()
        .orElseThrow();
    beforeRegistration = response.getStatus() + " " + response.getData().map(data -> data.get("state")).orElse(null);
  }
}
