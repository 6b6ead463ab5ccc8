package dev.statefun.jakarta.handler;

/** The request bytes are not a valid {@code ToFunction} invocation batch. */
public final class MalformedRequestException extends RequestFailure {
  public MalformedRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  public MalformedRequestException(String message) {
    super(message, null);
  }
}
