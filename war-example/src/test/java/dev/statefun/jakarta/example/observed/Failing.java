package dev.statefun.jakarta.example.observed;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;

/** A function that always throws: the suites' "function failed" requests (added to the WAR by the test only). */
@StatefulFunction(Failing.TYPE)
public class Failing implements RemoteFunction {
  public static final String TYPE = "com.example.observed/failing";

  @Override
  public void invoke(Context context, Message message) {
    throw new IllegalStateException("failing on purpose: " + message.asString());
  }
}
