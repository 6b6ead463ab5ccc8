package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** A sync function that answers with the name of the instance that served it, or fails on "fail". */
public abstract class ScopedFunction implements RemoteFunction {
  @Inject Lifecycle lifecycle;
  String name;

  abstract String kind();

  @PostConstruct
  void created() {
    name = lifecycle.created(kind());
  }

  @PreDestroy
  void destroyed() {
    lifecycle.destroyed(name);
  }

  @Override
  public void invoke(Context context, Message message) {
    lifecycle.invoked(name);
    if (message.asString().equals("fail")) {
      throw new IllegalStateException(name + " was asked to fail");
    }
    context.send(MessageBuilder.forAddress(Greeter.INBOX, "log").withValue(name).build());
  }
}
