package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.InvocationResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CartTest {
  final FunctionTester tester = FunctionTester.of(Cart.class, new Cart());
  final Address ann = Address.of(Cart.TYPE, "ann");

  @Test
  void countsItemsAndTellsTheCheckout() {
    tester.invoke(MessageBuilder.forAddress(ann).withValue("apple").build());
    InvocationResult second = tester.invoke(MessageBuilder.forAddress(ann).withValue("pear").build());
    assertEquals(Optional.of(2), second.state(Cart.ITEMS));
    assertEquals("pear added, 2 items", second.messages().get(0).asString());
    assertEquals(Address.of("${package}/checkout", "ann"), second.messages().get(0).targetAddress());
  }
}
