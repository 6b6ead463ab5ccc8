package dev.statefun.jakarta.embedded.fns;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;

/** Always throws. */
@StatefulFunction("test.fns/failing")
public class FailingFunction implements RemoteFunction {
  @Override
  public void invoke(Context context, Message message) {
    throw new IllegalStateException("refusing '" + message.asString() + "'");
  }
}
