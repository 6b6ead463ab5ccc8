package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import jakarta.inject.Inject;

/** An application-scoped sync function with an interceptor bound at class level. */
@StatefulFunction("audit/app")
@Audited
public class AuditedFunction implements RemoteFunction {
  @Inject Audit audit;

  @Override
  public void invoke(Context context, Message message) {
    audit.add("invoked with " + message.asString());
    context.send(MessageBuilder.forAddress(Greeter.INBOX, "log").withValue("audited " + message.asString()).build());
  }
}
