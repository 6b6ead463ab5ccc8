package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.cdi.FunctionDescriptor;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inside the server: what the server's CDI container made of the WAR. */
@ExtendWith(ArquillianExtension.class)
class WarRegistryIT {

  @Deployment
  static WebArchive war() {
    return WarDeployment.packagedWar().addClass(ExampleFunctions.class);
  }

  @Inject
  StatefulFunctionRegistry registry;

  @Inject
  RequestReplyHandler handler;

  @Test
  void theServerFoundEveryExampleFunctionWithItsState() {
    assertNotNull(registry, "StatefulFunctionRegistry was not injected: is the WAR a bean archive?");
    Map<String, FunctionDescriptor> found = registry.functions().stream()
        .collect(Collectors.toMap(d -> d.typeName().canonical(), Function.identity()));
    assertEquals(ExampleFunctions.STATE.keySet(), found.keySet());
    ExampleFunctions.STATE.forEach((type, state) -> {
      FunctionDescriptor descriptor = found.get(type);
      assertEquals(state, descriptor.valueSpecs(), () -> "state of " + type);
      assertSame(ApplicationScoped.class, descriptor.scope(), () -> "scope of " + type);
    });
    assertTrue(found.get(Translator.TYPE).async());
    assertEquals(Greeter.class, found.get(Greeter.TYPE).beanClass());
  }

  @Test
  void theProducedHandlerIsTheRegistrysOne() {
    assertNotNull(handler);
    assertSame(registry.handler(), handler);
  }
}
