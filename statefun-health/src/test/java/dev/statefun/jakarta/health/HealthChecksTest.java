package dev.statefun.jakarta.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.cdi.StatefulFunctionExtension;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import jakarta.enterprise.inject.Any;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The checks as a MicroProfile Health implementation finds them: CDI beans with their qualifier. */
class HealthChecksTest {

  @Test
  void readinessIsDownBeforeRegistrationUpWhenServingDownWhileDraining() {
    Weld weld = new Weld("health").disableDiscovery()
        .addBeanClasses(Hello.class, EarlyProbe.class, FunctionsReadiness.class, HandlerLiveness.class)
        .addExtension(new StatefulFunctionExtension());
    try (WeldContainer container = weld.initialize()) {
      assertEquals(Status.DOWN, EarlyProbe.beforeRegistration.getStatus());
      assertEquals("STARTING", data(EarlyProbe.beforeRegistration).get("state"));

      HealthCheck readiness = container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
      HealthCheckResponse serving = readiness.call();
      assertEquals(FunctionsReadiness.NAME, serving.getName());
      assertEquals(Status.UP, serving.getStatus());
      assertEquals(Map.of("state", "SERVING", "functions", 1L), data(serving));

      HealthCheck liveness = container.select(HealthCheck.class, Liveness.Literal.INSTANCE).get();
      assertEquals(Status.UP, liveness.call().getStatus());

      container.select(StatefulFunctionRegistry.class).get().drain();
      HealthCheckResponse draining = readiness.call();
      assertEquals(Status.DOWN, draining.getStatus());
      assertEquals("DRAINING", data(draining).get("state"));
      assertEquals(Status.UP, liveness.call().getStatus(), "draining is no reason to restart");
      assertEquals(2, container.select(HealthCheck.class, Any.Literal.INSTANCE).stream().count());
    }
  }

  private static Map<String, Object> data(HealthCheckResponse response) {
    return response.getData().orElseThrow();
  }
}
