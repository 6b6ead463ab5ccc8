package dev.statefun.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.cdi.sample.Greeter;
import dev.statefun.jakarta.cdi.sample.GreetingFormatter;
import dev.statefun.jakarta.http.ServingState;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The container's lifecycle drives the registry's serving state: SERVING once the application has
 * started, DRAINING as soon as it is being destroyed (an undeploy, a shutdown), before anything is
 * destroyed, so that readiness (statefun-health, the embedded server) turns DOWN first.
 */
class LifecycleStateTest {
  static final List<ServingState> SEEN_AT_DESTRUCTION = new ArrayList<>();

  @Test
  void servingOnceStartedDrainingWhenTheApplicationIsDestroyed() {
    SEEN_AT_DESTRUCTION.clear();
    Weld weld = new Weld("lifecycle-state").disableDiscovery()
        .addBeanClasses(Greeter.class, GreetingFormatter.class, Witness.class)
        .addExtension(new StatefulFunctionExtension());
    try (WeldContainer container = weld.initialize()) {
      assertEquals(ServingState.SERVING, container.select(StatefulFunctionRegistry.class).get().state());
    }
    assertEquals(List.of(ServingState.DRAINING), SEEN_AT_DESTRUCTION);
  }

  /** Looks at the registry while the application is being destroyed, after the registry's own observer. */
  @ApplicationScoped
  public static class Witness {
    void destroying(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000)
        @BeforeDestroyed(ApplicationScoped.class) Object application, StatefulFunctionRegistry registry) {
      SEEN_AT_DESTRUCTION.add(registry.state());
    }
  }
}
