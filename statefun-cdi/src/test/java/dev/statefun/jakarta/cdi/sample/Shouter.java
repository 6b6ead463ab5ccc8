package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The reference async function: completes on another thread. */
@StatefulFunction("com.example.fns/shouter")
public class Shouter implements AsyncRemoteFunction {
  @Override
  public CompletionStage<Void> invoke(Context context, Message message) {
    String text = message.asString();
    return CompletableFuture.supplyAsync(() -> text.toUpperCase(Locale.ROOT))
        .thenAccept(loud -> context.send(MessageBuilder.forAddress(Greeter.INBOX, context.self().id())
            .withValue(loud + "!").build()));
  }
}
