package dev.statefun.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.cdi.sample.Greeter;
import dev.statefun.jakarta.cdi.sample.GreetingFormatter;
import dev.statefun.jakarta.cdi.sample.PlainHelper;
import dev.statefun.jakarta.cdi.sample.Shouter;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With bean-discovery-mode="annotated" (what a WAR should ship) the stereotype alone makes a function a bean. */
@ExtendWith(ArquillianExtension.class)
class AnnotatedDiscoveryTest {

  @Deployment
  static JavaArchive deployment() {
    return Deployments.annotated(Greeter.class, GreetingFormatter.class, Shouter.class, PlainHelper.class);
  }

  @Inject StatefulFunctionRegistry registry;
  @Inject RequestReplyHandler handler;
  @Inject BeanManager beanManager;

  @Test
  void annotatedModeIsInEffect() {
    // A class without a bean-defining annotation is no bean in this archive.
    assertTrue(beanManager.getBeans(PlainHelper.class).isEmpty());
  }

  @Test
  void functionsAnnotatedWithOnlyTheStereotypeAreBeansAndServed() {
    assertEquals(List.of(TypeName.parse("com.example.fns/greeter"), TypeName.parse("com.example.fns/shouter")),
        registry.functions().stream().map(FunctionDescriptor::typeName).sorted(
            java.util.Comparator.comparing(TypeName::canonical)).toList());
    assertEquals(1, beanManager.getBeans(Greeter.class).size());

    var reply = Requests.to("com.example.fns/greeter", "x").state("seen", Types.INT, 1)
        .emptyState("last_greeting").invoke("Xi").call(handler);
    assertEquals(List.of("Hello Xi, visit #2"), Requests.sentStrings(reply));
    assertEquals(List.of("HO!"),
        Requests.sentStrings(Requests.to("com.example.fns/shouter", "x").invoke("ho").call(handler)));
  }
}
