package dev.statefun.jakarta.testing.beans;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Types;
import jakarta.inject.Inject;

/** A shopping cart that keeps its total, priced by an injected bean. */
@StatefulFunction(Cart.TYPE)
public class Cart implements RemoteFunction {
  public static final String TYPE = "com.example.shop/cart";
  public static final ValueSpec<Integer> TOTAL = ValueSpec.of("total", Types.INT);

  @Inject Prices prices;

  @Override
  public void invoke(Context context, Message message) {
    int total = context.storage().get(TOTAL).orElse(0) + prices.cents(message.asString());
    context.storage().set(TOTAL, total);
  }
}
