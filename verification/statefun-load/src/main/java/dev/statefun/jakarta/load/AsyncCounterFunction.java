package dev.statefun.jakarta.load;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@link CounterFunction}'s behaviour, completed on another thread (an async function). */
@StatefulFunction("load.fns/async-counter")
public class AsyncCounterFunction implements AsyncRemoteFunction {
  static final ValueSpec<Long> COUNT = CounterFunction.COUNT;
  private static final ExecutorService ELSEWHERE = Executors.newFixedThreadPool(4, runnable -> {
    Thread thread = new Thread(runnable, "load-async-function");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public CompletionStage<Void> invoke(Context context, Message message) {
    return CompletableFuture.runAsync(() -> CounterFunction.count(context, message), ELSEWHERE);
  }
}
