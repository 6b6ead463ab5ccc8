package ${package};

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.Handles;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.TypedRemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;

/**
 * A shopping cart per address id. Its messages: {@code AddItem} (JSON) adds a quantity of an item, a string adds one
 * item. The cart counts its items and tells {@code ${package}/checkout} the new count.
 */
@StatefulFunction(Cart.TYPE)
public class Cart extends TypedRemoteFunction {
  public static final String TYPE = "${package}/cart";
  static final TypeName CHECKOUT = TypeName.parse("${package}/checkout");

  /** A JSON message, through JSON-B (the server's, or Yasson on the embedded server and in tests). */
  public record AddItem(String item, int quantity) {}

  /** The typename the runtime and other functions use for {@link AddItem}. */
  static final Type<AddItem> ADD_ITEM = Types.json("${package}/AddItem", AddItem.class);

  /** The function's state: every static final ValueSpec field. */
  static final ValueSpec<Integer> ITEMS = ValueSpec.of("items", Types.INT);

  @Handles
  void add(Context context, AddItem add) {
    if (add.quantity() <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + add);
    }
    addItems(context, add.item(), add.quantity());
  }

  @Handles
  void addOne(Context context, String item) {
    addItems(context, item, 1);
  }

  private void addItems(Context context, String item, int quantity) {
    int items = context.storage().get(ITEMS).orElse(0) + quantity;
    context.storage().set(ITEMS, items);
    context.send(MessageBuilder.forAddress(CHECKOUT, context.self().id())
        .withValue(item + " added, " + items + " items").build());
  }
}
