package dev.statefun.jakarta.load;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;

/**
 * Counts its invocations per address and tells {@code load.fns/echo} at the same id
 * {@code "<id>:<argument>:<count>"}: every reply says exactly which request it belongs to.
 */
@StatefulFunction("load.fns/counter")
public class CounterFunction implements RemoteFunction {
  static final ValueSpec<Long> COUNT = ValueSpec.of("count", Types.LONG);
  static final TypeName ECHO = TypeName.parse("load.fns/echo");

  @Override
  public void invoke(Context context, Message message) {
    count(context, message);
  }

  static void count(Context context, Message message) {
    long count = context.storage().get(COUNT).orElse(0L) + 1;
    context.storage().set(COUNT, count);
    String id = context.self().id();
    context.send(MessageBuilder.forAddress(ECHO, id).withValue(id + ":" + message.asString() + ":" + count).build());
  }
}
