package dev.statefun.jakarta.types;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.message.Message;

/** A function with a JSON state, for {@link JsonBindingMissingTest}. */
public class JsonFunction implements RemoteFunction {
  public record Order(String item, int quantity) {}

  static final ValueSpec<Order> LAST = ValueSpec.of("last", Types.json("com.example/Order", Order.class));

  @Override
  public void invoke(Context context, Message message) {}
}
