package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.handler.FunctionFailedException;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CartTest {
  final FunctionTester tester = FunctionTester.of(Cart.class, new Cart());
  final Address ann = Address.of(Cart.TYPE, "ann");

  @Test
  void countsItemsAndTellsTheCheckout() {
    tester.invoke(MessageBuilder.forAddress(ann).withValue("apple").build());
    InvocationResult second = tester.invoke(MessageBuilder.forAddress(ann)
        .withCustomType(Cart.ADD_ITEM, new Cart.AddItem("pear", 3)).build());
    assertEquals(Optional.of(4), second.state(Cart.ITEMS));
    assertEquals("pear added, 4 items", second.messages().get(0).asString());
    assertEquals(Address.of("${package}/checkout", "ann"), second.messages().get(0).targetAddress());
  }

  @Test
  void theJsonMessageIsReadAsJson() {
    // The bytes another SDK or a Kafka ingress would send: JSON text under the AddItem typename.
    byte[] json = "{\"item\":\"fig\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8);
    InvocationResult result = tester.invoke(Message.ofRaw(ann,
        Cart.ADD_ITEM.typeName(), json));
    assertEquals(Optional.of(2), result.state(Cart.ITEMS));
  }

  @Test
  void aQuantityBelowOneFailsTheBatchAndChangesNothing() {
    assertThrows(FunctionFailedException.class, () -> tester.invoke(MessageBuilder.forAddress(ann)
        .withCustomType(Cart.ADD_ITEM, new Cart.AddItem("plum", 0)).build()));
    assertEquals(Optional.empty(), tester.state(ann, Cart.ITEMS));
  }
}
