package dev.statefun.jakarta;

import dev.statefun.jakarta.function.HandlerMethods;
import dev.statefun.jakarta.message.Message;

/**
 * A {@link RemoteFunction} whose messages are dispatched by their typename to its {@link Handles}
 * methods, one per message type, instead of a hand-written {@code message.is(...)} ladder:
 *
 * <pre>{@code
 * @StatefulFunction("com.example.fns/cart")
 * public class Cart extends TypedRemoteFunction {
 *   static final Type<AddItem> ADD_ITEM = Types.json("com.example/AddItem", AddItem.class);
 *   static final ValueSpec<Integer> ITEMS = ValueSpec.of("items", Types.INT);
 *
 *   @Handles
 *   void add(Context context, AddItem add) { ... }         // com.example/AddItem, from ADD_ITEM
 *
 *   @Handles
 *   void clear(Context context, String reason) { ... }     // io.statefun.types/string
 * }
 * }</pre>
 *
 * <p>A message of a type that no method takes fails the invocation (and so the batch) with an
 * {@link IllegalArgumentException} naming the type and the types handled; override
 * {@link #unhandled} to do otherwise. Like {@link RemoteFunction}, a throw fails the whole batch.
 */
public abstract class TypedRemoteFunction implements RemoteFunction {

  /** Decodes the message with the type its method takes and calls that method. */
  @Override
  public void invoke(Context context, Message message) throws Exception {
    if (!HandlerMethods.of(getClass()).dispatch(this, context, message)) {
      unhandled(context, message);
    }
  }

  /**
   * Called for a message whose type no {@link Handles} method takes.
   *
   * @throws IllegalArgumentException by default, naming the message's type and the types handled
   */
  protected void unhandled(Context context, Message message) throws Exception {
    throw new IllegalArgumentException(HandlerMethods.of(getClass()).unhandledMessage(message.valueTypeName()));
  }
}
