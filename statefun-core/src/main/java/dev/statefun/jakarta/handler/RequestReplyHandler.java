package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.FunctionRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Serves the StateFun request-reply protocol: {@code ToFunction} bytes in, {@code FromFunction}
 * bytes out. Transport-agnostic (the JAX-RS resource and the test utilities sit on it) and
 * thread-safe.
 *
 * <p>A failed stage carries a {@link RequestFailure}, whose {@link RequestFailure#httpStatus()} says
 * whose fault it is: {@link MalformedRequestException} (the bytes are not a valid request: 400),
 * {@link UnknownFunctionException} (no function of the target type: 404),
 * {@link RequestTooLargeException} (over a limit: 413), {@link FunctionFailedException} (the
 * function threw: 500) or {@link HandlerBugException} (a bug in this handler: 500). None of a failed
 * batch's effects are returned, so the runtime's retry starts from the same state.
 *
 * <p>Limits: a request carries at most {@link #MAX_STATES_PER_REQUEST} state values and at most the
 * {@code maxInvocations} passed to {@link #handle(byte[], int)}, itself at most
 * {@link #MAX_INVOCATIONS_PER_REQUEST}; a transport adds its own limit on the body size.
 */
public interface RequestReplyHandler {
  /**
   * The most invocations one request may ever carry, whatever a transport allows: far above the
   * runtime's batches (up to 1000 per address by default), it bounds what the handler allocates
   * for a request whatever its size.
   */
  int MAX_INVOCATIONS_PER_REQUEST = 100_000;

  /**
   * The most state values one request may carry; more is a {@link RequestTooLargeException}. The
   * runtime sends one per state the function declared.
   */
  int MAX_STATES_PER_REQUEST = 10_000;

  static RequestReplyHandler of(FunctionRegistry registry) {
    return new ProtocolHandler(registry, List.of());
  }

  /** A handler that also tells {@code observers}, in order, about every request it answers. */
  static RequestReplyHandler of(FunctionRegistry registry, List<? extends HandlerObserver> observers) {
    return new ProtocolHandler(registry, Objects.requireNonNull(observers, "observers"));
  }

  /**
   * Handles one request of at most {@code maxInvocations} invocations (more is a
   * {@link RequestTooLargeException}); the array must not be changed until the stage completes.
   *
   * @param maxInvocations between 1 and {@link #MAX_INVOCATIONS_PER_REQUEST}
   */
  CompletionStage<byte[]> handle(byte[] request, int maxInvocations);

  /** Handles one request of at most {@link #MAX_INVOCATIONS_PER_REQUEST} invocations. */
  default CompletionStage<byte[]> handle(byte[] request) {
    return handle(request, MAX_INVOCATIONS_PER_REQUEST);
  }

  /** Handles one request and waits for the reply; rethrows the {@link RequestFailure}. */
  default byte[] handleBlocking(byte[] request) {
    try {
      return handle(request).toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the reply", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
  }
}
