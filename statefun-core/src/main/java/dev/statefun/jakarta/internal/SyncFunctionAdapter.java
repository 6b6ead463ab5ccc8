package dev.statefun.jakarta.internal;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.message.Message;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Lets a sync {@link RemoteFunction} stand where an {@link AsyncRemoteFunction} is expected. The
 * handler recognises it and calls the sync function directly, with no stage per invocation.
 *
 * @param function the sync function
 */
public record SyncFunctionAdapter(RemoteFunction function) implements AsyncRemoteFunction {
  private static final CompletionStage<Void> DONE = CompletableFuture.<Void>completedFuture(null).minimalCompletionStage();

  public SyncFunctionAdapter {
    Objects.requireNonNull(function, "function");
  }

  @Override
  public CompletionStage<Void> invoke(Context context, Message message) throws Exception {
    function.invoke(context, message);
    return DONE;
  }
}
