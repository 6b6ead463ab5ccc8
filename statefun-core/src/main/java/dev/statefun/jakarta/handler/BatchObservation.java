package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one request to the handler did, handed to a {@link HandlerObserver} when its reply (or
 * failure) is ready. Counts describe the reply: a batch that did not reply has no effects and wrote
 * no state. Built with {@link #builder}, so that a new fact is a new accessor, not a change to every
 * caller; equal when every fact is.
 */
public final class BatchObservation {
  private final TypeName functionType;
  private final Address address;
  private final int batchSize;
  private final BatchOutcome outcome;
  private final Duration duration;
  private final long stateBytesRead;
  private final long stateBytesWritten;
  private final int messages;
  private final int delayedMessages;
  private final int cancellations;
  private final int egressRecords;
  private final int failedInvocation;
  private final RequestFailure failure;

  // Positional, so package-private: the handler builds one per observed request without a builder.
  BatchObservation(TypeName functionType, Address address, int batchSize, BatchOutcome outcome, Duration duration,
      long stateBytesRead, long stateBytesWritten, int messages, int delayedMessages, int cancellations,
      int egressRecords, int failedInvocation, RequestFailure failure) {
    this.functionType = functionType;
    this.address = address;
    this.batchSize = batchSize;
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.duration = Objects.requireNonNull(duration, "duration");
    this.stateBytesRead = stateBytesRead;
    this.stateBytesWritten = stateBytesWritten;
    this.messages = messages;
    this.delayedMessages = delayedMessages;
    this.cancellations = cancellations;
    this.egressRecords = egressRecords;
    this.failedInvocation = failedInvocation;
    this.failure = failure;
  }

  /** A builder with no function type, no address, no failure and every count 0. */
  public static Builder builder(BatchOutcome outcome, Duration duration) {
    return new Builder(outcome, duration);
  }

  /** The target function type; empty when the request named none (or was unreadable). */
  public Optional<TypeName> functionType() {
    return Optional.ofNullable(functionType);
  }

  /**
   * The target address (function type and id); empty as {@link #functionType()}. The id is
   * unbounded: fit for a trace or a log, never for a metric attribute.
   */
  public Optional<Address> address() {
    return Optional.ofNullable(address);
  }

  /** The invocations the request carried (0 when it could not be read). */
  public int batchSize() {
    return batchSize;
  }

  /** How the request was answered. */
  public BatchOutcome outcome() {
    return outcome;
  }

  /** From receiving the bytes to the reply (or failure) being ready. */
  public Duration duration() {
    return duration;
  }

  /** The bytes of state values the request carried for the function's declared states. */
  public long stateBytesRead() {
    return stateBytesRead;
  }

  /** The bytes of state values the reply writes back (0 unless {@link BatchOutcome#REPLIED}). */
  public long stateBytesWritten() {
    return stateBytesWritten;
  }

  /** Messages sent to other functions. */
  public int messages() {
    return messages;
  }

  /** Delayed messages sent. */
  public int delayedMessages() {
    return delayedMessages;
  }

  /** Delayed messages cancelled. */
  public int cancellations() {
    return cancellations;
  }

  /** Egress records sent. */
  public int egressRecords() {
    return egressRecords;
  }

  /**
   * The position in the batch of the invocation that failed ({@link BatchOutcome#FUNCTION_FAILED}),
   * or whose caller or argument typename is invalid ({@link BatchOutcome#MALFORMED_REQUEST}; no
   * invocation ran).
   */
  public OptionalInt failedInvocation() {
    return failedInvocation < 0 ? OptionalInt.empty() : OptionalInt.of(failedInvocation);
  }

  /** The failure the handler's stage completed with, if any. */
  public Optional<RequestFailure> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchObservation other
        && Objects.equals(functionType, other.functionType) && Objects.equals(address, other.address)
        && batchSize == other.batchSize && outcome == other.outcome && duration.equals(other.duration)
        && stateBytesRead == other.stateBytesRead && stateBytesWritten == other.stateBytesWritten
        && messages == other.messages && delayedMessages == other.delayedMessages
        && cancellations == other.cancellations && egressRecords == other.egressRecords
        && failedInvocation == other.failedInvocation && Objects.equals(failure, other.failure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(functionType, address, batchSize, outcome, duration, stateBytesRead, stateBytesWritten,
        messages, delayedMessages, cancellations, egressRecords, failedInvocation, failure);
  }

  @Override
  public String toString() {
    return "BatchObservation{" + outcome + ", " + (address != null ? address : functionType) + ", batch of "
        + batchSize + ", " + duration + ", state read " + stateBytesRead + " B, written " + stateBytesWritten
        + " B, messages " + messages + ", delayed " + delayedMessages + ", cancellations " + cancellations
        + ", egress " + egressRecords + (failedInvocation < 0 ? "" : ", failed at invocation " + failedInvocation)
        + (failure == null ? "" : ", " + failure) + "}";
  }

  /** Builds a {@link BatchObservation}; what is not set is empty or 0. */
  public static final class Builder {
    private TypeName functionType;
    private Address address;
    private int batchSize;
    private final BatchOutcome outcome;
    private final Duration duration;
    private long stateBytesRead;
    private long stateBytesWritten;
    private int messages;
    private int delayedMessages;
    private int cancellations;
    private int egressRecords;
    private int failedInvocation = -1;
    private RequestFailure failure;

    private Builder(BatchOutcome outcome, Duration duration) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      this.duration = Objects.requireNonNull(duration, "duration");
    }

    public Builder functionType(TypeName functionType) {
      this.functionType = functionType;
      return this;
    }

    /** The target address; also sets the function type to the address's. */
    public Builder address(Address address) {
      this.address = address;
      if (address != null) {
        this.functionType = address.type();
      }
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder stateBytesRead(long bytes) {
      this.stateBytesRead = bytes;
      return this;
    }

    public Builder stateBytesWritten(long bytes) {
      this.stateBytesWritten = bytes;
      return this;
    }

    /** The effects of the reply: messages, delayed messages, cancellations and egress records. */
    public Builder effects(int messages, int delayedMessages, int cancellations, int egressRecords) {
      this.messages = messages;
      this.delayedMessages = delayedMessages;
      this.cancellations = cancellations;
      this.egressRecords = egressRecords;
      return this;
    }

    public Builder failedInvocation(OptionalInt invocation) {
      this.failedInvocation = invocation.orElse(-1);
      return this;
    }

    public Builder failure(RequestFailure failure) {
      this.failure = failure;
      return this;
    }

    public BatchObservation build() {
      return new BatchObservation(functionType, address, batchSize, outcome, duration, stateBytesRead,
          stateBytesWritten, messages, delayedMessages, cancellations, egressRecords, failedInvocation, failure);
    }
  }
}
