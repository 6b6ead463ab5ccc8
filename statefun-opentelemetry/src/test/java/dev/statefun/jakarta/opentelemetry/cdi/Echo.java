package dev.statefun.jakarta.opentelemetry.cdi;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;

/** Answers every message to its caller's inbox. */
@StatefulFunction("t.cdi/echo")
public class Echo implements RemoteFunction {
  @Override
  public void invoke(Context context, Message message) {
    context.send(MessageBuilder.forAddress(context.self().type(), "inbox").withValue(message.asString()).build());
  }
}
