package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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
  TypeName functionType;
  Address address;
  int batchSize;
  long stateBytesRead;
  boolean incompleteContext;
  Batch batch;

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

  private BatchObservation complete(Throwable failure) {
    Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    OptionalInt failedAt = batch != null && batch.failedAt >= 0 ? OptionalInt.of(batch.failedAt)
        : cause instanceof MalformedRequestException malformed ? malformed.invocation() : OptionalInt.empty();
    if (cause != null) {
      BatchOutcome outcome = cause instanceof MalformedRequestException ? BatchOutcome.MALFORMED_REQUEST
          : cause instanceof UnknownFunctionException ? BatchOutcome.UNKNOWN_FUNCTION
          : cause instanceof RequestTooLargeException ? BatchOutcome.REQUEST_TOO_LARGE
          : cause instanceof FunctionFailedException ? BatchOutcome.FUNCTION_FAILED
          : BatchOutcome.HANDLER_FAILED;
      Optional<RequestFailure> requestFailure = cause instanceof RequestFailure known ? Optional.of(known) : Optional.empty();
      return new BatchObservation(Optional.ofNullable(functionType), Optional.ofNullable(address), batchSize, outcome,
          duration, stateBytesRead, 0, 0, 0, 0, 0, failedAt, requestFailure);
    }
    if (incompleteContext) {
      return new BatchObservation(Optional.of(functionType), Optional.of(address), batchSize,
          BatchOutcome.INCOMPLETE_CONTEXT, duration, stateBytesRead, 0, 0, 0, 0, 0, OptionalInt.empty(), Optional.empty());
    }
    int messages = batch.effects.messages().size();
    int delayed = 0;
    int cancellations = 0;
    for (Effects.DelayedEffect effect : batch.effects.delayed()) {
      if (effect instanceof Effects.Delayed) {
        delayed++;
      } else {
        cancellations++;
      }
    }
    int egress = batch.effects.egresses().size();
    return new BatchObservation(Optional.of(functionType), Optional.of(address), batchSize, BatchOutcome.REPLIED,
        duration, stateBytesRead, batch.storage.bytesWritten(), messages, delayed, cancellations, egress,
        OptionalInt.empty(), Optional.empty());
  }
}
