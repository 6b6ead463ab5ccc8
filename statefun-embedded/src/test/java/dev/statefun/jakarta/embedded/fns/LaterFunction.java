package dev.statefun.jakarta.embedded.fns;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Async: finishes 200 ms after it is called, on another thread, then stores the message as "last"
 * and replies to test.fns/echo with "later:" + message.
 */
@StatefulFunction("test.fns/later")
public class LaterFunction implements AsyncRemoteFunction {
  static final ValueSpec<String> LAST = ValueSpec.of("last", Types.STRING);

  @Override
  public CompletionStage<Void> invoke(Context context, Message message) {
    String text = message.asString();
    String caller = Thread.currentThread().getName();
    return CompletableFuture.runAsync(() -> {
      if (Thread.currentThread().getName().equals(caller)) {
        throw new AssertionError("expected to finish on another thread");
      }
      context.storage().set(LAST, text);
      context.send(MessageBuilder.forAddress(TypeName.parse("test.fns/echo"), context.self().id())
          .withValue("later:" + text).build());
    }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
  }
}
