package dev.statefun.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.cdi.sample.Greeter;
import dev.statefun.jakarta.cdi.sample.GreetingFormatter;
import dev.statefun.jakarta.cdi.sample.PlainHelper;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.util.List;
import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The same under Weld SE, as the embedded server runs it: Weld's own annotated-mode filtering (not
 * Arquillian's emulation of it) keeps the stereotyped function and drops the plain class.
 */
class WeldSeDiscoveryTest {

  @Test
  void annotatedSyntheticArchiveKeepsStereotypedFunctions() {
    Weld weld = new Weld("annotated-discovery").disableDiscovery()
        .setBeanDiscoveryMode(BeanDiscoveryMode.ANNOTATED)
        .addPackages(false, Greeter.class) // scanned, so filtered by the discovery mode
        .addExtension(new StatefulFunctionExtension());
    try (WeldContainer container = weld.initialize()) {
      assertTrue(container.getBeanManager().getBeans(PlainHelper.class).isEmpty(), "PlainHelper must not be a bean");

      StatefulFunctionRegistry registry = container.select(StatefulFunctionRegistry.class).get();
      assertTrue(registry.functions().stream().map(FunctionDescriptor::typeName)
          .anyMatch(TypeName.parse("com.example.fns/greeter")::equals), registry.functions()::toString);

      RequestReplyHandler handler = container.select(RequestReplyHandler.class).get();
      assertSame(registry.handler(), handler);
      var reply = Requests.to("com.example.fns/greeter", "se").state("seen", Types.INT, 9)
          .emptyState("last_greeting").invoke("Sam").call(handler);
      assertEquals(List.of("Hello Sam, visit #10"), Requests.sentStrings(reply));
    }
  }
}
