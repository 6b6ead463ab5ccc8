package ${package};

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;

/**
 * A shopping cart per address id: each message is an item (a string); the cart counts its items and tells
 * {@code ${package}/checkout} the new count.
 */
@StatefulFunction(Cart.TYPE)
public class Cart implements RemoteFunction {
  public static final String TYPE = "${package}/cart";
  static final TypeName CHECKOUT = TypeName.parse("${package}/checkout");

  /** The function's state: every static final ValueSpec field. */
  static final ValueSpec<Integer> ITEMS = ValueSpec.of("items", Types.INT);

  @Override
  public void invoke(Context context, Message message) {
    int items = context.storage().get(ITEMS).orElse(0) + 1;
    context.storage().set(ITEMS, items);
    context.send(MessageBuilder.forAddress(CHECKOUT, context.self().id())
        .withValue(message.asString() + " added, " + items + " items").build());
  }
}
