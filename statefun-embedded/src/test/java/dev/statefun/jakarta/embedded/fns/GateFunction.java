package dev.statefun.jakarta.embedded.fns;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Async: no invocation finishes before {@link #parties} invocations have started. Served with
 * fewer worker threads than parties, it completes only if no worker waits for an async function.
 */
@StatefulFunction("test.fns/gate")
public class GateFunction implements AsyncRemoteFunction {
  private static final List<CompletableFuture<Void>> WAITING = new ArrayList<>();
  private static int parties = 1;

  /** Resets the gate to open once {@code count} invocations have arrived. */
  public static synchronized void reset(int count) {
    parties = count;
    WAITING.clear();
  }

  /** Lets every waiting invocation finish now. */
  public static void openAll() {
    List<CompletableFuture<Void>> open;
    synchronized (GateFunction.class) {
      open = new ArrayList<>(WAITING);
      WAITING.clear();
    }
    open.forEach(f -> f.complete(null));
  }

  /** How many invocations are waiting. */
  public static synchronized int waiting() {
    return WAITING.size();
  }

  /** Returns once {@code count} invocations are waiting. */
  public static synchronized void awaitWaiting(int count) throws InterruptedException {
    while (WAITING.size() < count) {
      GateFunction.class.wait();
    }
  }

  @Override
  public CompletionStage<Void> invoke(Context context, Message message) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    List<CompletableFuture<Void>> open = null;
    synchronized (GateFunction.class) {
      WAITING.add(mine);
      GateFunction.class.notifyAll();
      if (WAITING.size() >= parties) {
        open = new ArrayList<>(WAITING);
        WAITING.clear();
      }
    }
    if (open != null) {
      open.forEach(f -> f.complete(null));
    }
    return mine;
  }
}
