package dev.statefun.jakarta.health;

import dev.statefun.jakarta.http.ServingState;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the application has started, at least one function is registered, and the endpoint
 * is not draining: only then should the runtime's calls be routed here.
 */
@Readiness
@ApplicationScoped
public class FunctionsReadiness implements HealthCheck {
  /** The check's name in the health report. */
  public static final String NAME = "statefun-functions";

  private final StatefulFunctionRegistry registry;

  /** For the container's proxy. */
  protected FunctionsReadiness() {
    this.registry = null;
  }

  @Inject
  FunctionsReadiness(StatefulFunctionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public HealthCheckResponse call() {
    ServingState state = registry.state();
    int functions = state == ServingState.STARTING ? 0 : registry.functions().size();
    return HealthCheckResponse.named(NAME)
        .status(state == ServingState.SERVING && functions > 0)
        .withData("state", state.name())
        .withData("functions", functions)
        .build();
  }
}
