package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.handler.FunctionFailedException;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.InvocationResult;
import dev.statefun.jakarta.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  @Test
  void inTheTestRuntimeTheCheckoutGetsEveryCount() {
    // The test runtime routes messages as the StateFun runtime does; checkout is served elsewhere, so its
    // messages are recorded.
    TestRuntime runtime = TestRuntime.of(FunctionTester.specOf(Cart.class, new Cart()))
        .withFunctionServedElsewhere(Cart.CHECKOUT);
    runtime.send(MessageBuilder.forAddress(ann).withCustomType(Cart.ADD_ITEM, new Cart.AddItem("apple", 2)).build());
    runtime.send(MessageBuilder.forAddress(ann).withValue("pear").build());
    assertEquals(List.of("apple added, 2 items", "pear added, 3 items"),
        runtime.messagesTo(Cart.CHECKOUT).stream().map(Message::asString).toList());
    assertEquals(Optional.of(3), runtime.state(ann, Cart.ITEMS));
  }
}
