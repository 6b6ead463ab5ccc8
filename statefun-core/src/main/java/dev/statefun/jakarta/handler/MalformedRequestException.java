package dev.statefun.jakarta.handler;

/**
 * The request bytes are not a valid {@code ToFunction} invocation batch: the caller's fault, HTTP
 * 400. Raised while parsing, before any function runs, also for values the wire format allows but
 * the protocol does not (an empty target, a caller without a namespace, an invalid typename).
 */
public final class MalformedRequestException extends RequestFailure {
  public MalformedRequestException(String message, Throwable cause) {
    super(400, message, cause);
  }

  public MalformedRequestException(String message) {
    super(400, message, null);
  }
}
