package dev.statefun.jakarta.fuzz.http;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs its argument as a {@link Script} on another thread, so the reply completes asynchronously. */
@StatefulFunction("fuzz.http/async")
public class AsyncOpsFunction implements AsyncRemoteFunction {
  static final ValueSpec<Integer> COUNT = Script.COUNT;
  static final ValueSpec<String> TEXT = Script.TEXT;
  private static final ExecutorService ELSEWHERE = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "fuzz-async-function");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public CompletionStage<Void> invoke(Context context, Message message) {
    return CompletableFuture.runAsync(() -> Script.run(context, message), ELSEWHERE);
  }
}
