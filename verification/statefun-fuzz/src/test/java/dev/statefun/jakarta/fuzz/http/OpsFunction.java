package dev.statefun.jakarta.fuzz.http;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;

/** Runs its argument as a {@link Script}, synchronously. */
@StatefulFunction("fuzz.http/ops")
public class OpsFunction implements RemoteFunction {
  static final ValueSpec<Integer> COUNT = Script.COUNT;
  static final ValueSpec<String> TEXT = Script.TEXT;

  @Override
  public void invoke(Context context, Message message) {
    Script.run(context, message);
  }
}
