package dev.statefun.jakarta.handler;

/**
 * The request is well formed but over a limit (its body size, its number of invocations or of
 * state values): HTTP 413. The message names the limit and how to raise it where it can be raised.
 */
public final class RequestTooLargeException extends RequestFailure {
  public RequestTooLargeException(String message) {
    super(413, message, null);
  }
}
