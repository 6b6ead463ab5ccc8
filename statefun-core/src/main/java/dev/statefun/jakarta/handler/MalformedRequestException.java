package dev.statefun.jakarta.handler;

import java.util.OptionalInt;

/**
 * The request bytes are not a valid {@code ToFunction} invocation batch: the caller's fault, HTTP
 * 400. Found before any function runs: while parsing, or (for the argument typenames, reported with
 * the target's address) right after the target function is looked up. Raised also for values the
 * wire format allows but the protocol does not (an empty target, a caller without a namespace, an
 * invalid argument typename, a state of another type than declared).
 */
public final class MalformedRequestException extends RequestFailure {
  // The position in the batch of the invocation at fault, or -1 when the fault is the batch's.
  private final int invocation;

  public MalformedRequestException(String message, Throwable cause) {
    super(400, message, cause);
    this.invocation = -1;
  }

  public MalformedRequestException(String message) {
    this(message, (Throwable) null);
  }

  /** A fault of one invocation's fields (its caller or its argument). */
  MalformedRequestException(String message, int invocation) {
    super(400, message, null);
    this.invocation = invocation;
  }

  /** The position in the batch of the invocation whose fields are at fault; empty when the fault is the batch's. */
  public OptionalInt invocation() {
    return invocation < 0 ? OptionalInt.empty() : OptionalInt.of(invocation);
  }
}
