package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.Address;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the handler notes about one request while observers listen; created only then, so the
 * unobserved path measures and allocates nothing for it.
 */
final class Observation {
  private static final System.Logger LOG = System.getLogger(RequestReplyHandler.class.getName());

  private final long startNanos = System.nanoTime();
  // Observers are often CDI beans: called with the request thread's class loader on any thread.
  private final ClassLoader requestLoader = Thread.currentThread().getContextClassLoader();
  // What the dispatch built, however far it got: each is null where it did not get that far.
  private BatchRequest request;
  private Address self;
  private BatchStorage storage;
  private Batch batch;

  void dispatched(BatchRequest request, Address self, BatchStorage storage, Batch batch) {
    this.request = request;
    this.self = self;
    this.storage = storage;
    this.batch = batch;
  }

  /** Reports to {@code observers} when {@code reply} completes; the returned stage completes after them. */
  CompletableFuture<byte[]> report(CompletableFuture<byte[]> reply, List<HandlerObserver> observers) {
    if (reply.isDone()) {
      // The usual case (a sync function, a failed request): still on the request's thread, so no
      // continuation, no second future and no class loader switch are needed.
      notify(observers, failureOf(reply));
      return reply;
    }
    return reply.whenComplete((bytes, failure) -> RequestClassLoader.run(requestLoader, () -> notify(observers, failure)));
  }

  private void notify(List<HandlerObserver> observers, Throwable failure) {
    BatchObservation observation = complete(failure);
    for (HandlerObserver observer : observers) {
      try {
        observer.batchCompleted(observation);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "Handler observer " + observer + " failed; the reply is unaffected", e);
      }
    }
  }

  /** The failure a completed {@code reply} holds, or null. */
  private static Throwable failureOf(CompletableFuture<byte[]> reply) {
    if (!reply.isCompletedExceptionally()) {
      return null;
    }
    try {
      reply.getNow(null);
      throw new IllegalStateException("completed exceptionally, yet getNow returned");
    } catch (CompletionException | CancellationException failure) {
      return failure;
    }
  }

  /** The observation of the finished request, built from what the dispatch left and how the reply completed. */
  private BatchObservation complete(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    BatchOutcome outcome = cause == null ? (storage.anyMissing() ? BatchOutcome.INCOMPLETE_CONTEXT : BatchOutcome.REPLIED)
        : cause instanceof MalformedRequestException ? BatchOutcome.MALFORMED_REQUEST
        : cause instanceof UnknownFunctionException ? BatchOutcome.UNKNOWN_FUNCTION
        : cause instanceof RequestTooLargeException ? BatchOutcome.REQUEST_TOO_LARGE
        : cause instanceof FunctionFailedException ? BatchOutcome.FUNCTION_FAILED
        : BatchOutcome.HANDLER_FAILED;
    Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
    // The served function's address; else the type the request named, if it got that far.
    Address address = self != null ? self
        : request != null && request.hasBatch ? new Address(request.targetTypeName(), request.targetId) : null;
    int failedAt = batch != null && batch.failedAt >= 0 ? batch.failedAt
        : cause instanceof MalformedRequestException malformed ? malformed.invocation().orElse(-1) : -1;
    int delayed = 0;
    int cancellations = 0;
    if (outcome == BatchOutcome.REPLIED) {
      for (Effects.DelayedEffect effect : batch.effects.delayed()) {
        if (effect instanceof Effects.Delayed) {
          delayed++;
        } else {
          cancellations++;
        }
      }
    }
    boolean replied = outcome == BatchOutcome.REPLIED;
    return new BatchObservation(address == null ? null : address.type(), address,
        request == null ? 0 : request.invocationCount, outcome, duration, storage == null ? 0 : storage.bytesRead(),
        replied ? storage.bytesWritten() : 0, replied ? batch.effects.messages().size() : 0, delayed, cancellations,
        replied ? batch.effects.egresses().size() : 0, failedAt, cause instanceof RequestFailure known ? known : null);
  }
}
