package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An async function, new per invocation: completes when {@link Lifecycle#gate()} does. "throw"
 * throws before returning a stage, "fail" returns a failed stage.
 */
@StatefulFunction("scopes/dependent-async")
@Dependent
public class DependentAsyncFunction implements AsyncRemoteFunction {
  @Inject Lifecycle lifecycle;
  @Inject DependentPart part;
  private String name;

  @PostConstruct
  void created() {
    name = lifecycle.created("async");
  }

  @PreDestroy
  void destroyed() {
    lifecycle.destroyed(name);
  }

  @Override
  public CompletionStage<Void> invoke(Context context, Message message) {
    lifecycle.invoked(name);
    part.use();
    switch (message.asString()) {
      case "throw" -> throw new IllegalStateException(name + " threw");
      case "fail" -> {
        return CompletableFuture.failedFuture(new IllegalStateException(name + " failed its stage"));
      }
      default -> {
        return lifecycle.gate().thenRun(() ->
            context.send(MessageBuilder.forAddress(Greeter.INBOX, "log").withValue(name).build()));
      }
    }
  }
}
