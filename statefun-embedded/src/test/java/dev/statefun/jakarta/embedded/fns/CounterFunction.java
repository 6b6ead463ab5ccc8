package dev.statefun.jakarta.embedded.fns;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;

/** Counts its messages per address and tells test.fns/echo, at the same id, "id:message:count". */
@StatefulFunction("test.fns/counter")
public class CounterFunction implements RemoteFunction {
  static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
  static final TypeName ECHO = TypeName.parse("test.fns/echo");

  @Override
  public void invoke(Context context, Message message) {
    int count = context.storage().get(COUNT).orElse(0) + 1;
    context.storage().set(COUNT, count);
    String id = context.self().id();
    context.send(MessageBuilder.forAddress(ECHO, id).withValue(id + ":" + message.asString() + ":" + count).build());
  }
}
