package dev.statefun.jakarta.handler;

/**
 * The handler failed on a request that it parsed and should have served: a bug in this SDK, not a
 * fault of the caller or of the function. HTTP 500, with a message that says so; the cause is the
 * original exception (logged by the handler with its stack trace).
 */
public final class HandlerBugException extends RequestFailure {
  public HandlerBugException(Throwable cause) {
    super(500, "The StateFun request handler failed: a bug in the StateFun Jakarta SDK, not in the request or the"
        + " function; please report it with the server log (" + cause + ")", cause);
  }
}
