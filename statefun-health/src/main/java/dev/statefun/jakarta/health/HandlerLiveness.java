package dev.statefun.jakarta.health;

import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Up while the application is deployed, and reports where its functions are (starting, serving,
 * draining). The handler holds nothing between requests that could wedge, so there is no state in
 * which a restart would help; a deployment that is gone answers no health check at all.
 */
@Liveness
@ApplicationScoped
public class HandlerLiveness implements HealthCheck {
  /** The check's name in the health report. */
  public static final String NAME = "statefun-handler";

  private final StatefulFunctionRegistry registry;

  /** For the container's proxy. */
  protected HandlerLiveness() {
    this.registry = null;
  }

  @Inject
  HandlerLiveness(StatefulFunctionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME).up().withData("state", registry.state().name()).build();
  }
}
