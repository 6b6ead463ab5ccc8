package dev.statefun.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.beans.Cart;
import dev.statefun.jakarta.testing.beans.Prices;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/** The README's recipe: a function with its real injected beans, in a weld-junit5 container per test. */
@EnableWeld
class WeldFunctionTesterTest {
  @WeldSetup
  WeldInitiator weld = StatefulFunctionWeld.of(Cart.class, Prices.class);

  @Inject StatefulFunctionRegistry functions;

  @Test
  void theContainersBeanRunsWithItsInjectedCollaborator() {
    FunctionTester tester = FunctionTester.of(Cart.class, functions);
    Address ann = Address.of(Cart.TYPE, "ann");
    tester.invoke(MessageBuilder.forAddress(ann).withValue("apple").build());
    InvocationResult second = tester.invoke(MessageBuilder.forAddress(ann).withValue("fig").build());
    assertEquals(Optional.of(800), second.state(Cart.TOTAL), "priced by Prices: 5 + 3 letters");
  }

  @Test
  void aClassTheContainerDoesNotServeIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FunctionTester.of(Prices.class, functions));
    assertTrue(e.getMessage().contains(Prices.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(Cart.class.getName()), e.getMessage());
  }
}
