package dev.statefun.jakarta.health;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;

/** A function to serve. */
@StatefulFunction("t.health/hello")
public class Hello implements RemoteFunction {
  @Override
  public void invoke(Context context, Message message) {}
}
