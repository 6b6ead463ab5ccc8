package dev.statefun.jakarta.handler;

/**
 * Listens to every request a {@link RequestReplyHandler} answers: metrics, traces, logs. Register it
 * with {@code FunctionRegistry.handler(List.of(observer))} (or, with CDI, make it a bean). The handler
 * measures nothing and allocates nothing for observation when no observer is registered.
 *
 * <p>Called once per request, on the thread that completes the reply, before the reply's stage
 * completes; so it must be quick and thread-safe. What it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface HandlerObserver {
  void batchCompleted(BatchObservation observation);
}
