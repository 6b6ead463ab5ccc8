package dev.statefun.jakarta.embedded.fns;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;

/** Fails as a function does when the heap runs out under it. */
@StatefulFunction("test.fns/out-of-memory")
public class OutOfMemoryFunction implements RemoteFunction {
  @Override
  public void invoke(Context context, Message message) {
    throw new OutOfMemoryError("Java heap space (thrown by the test function)");
  }
}
