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
 * no state.
 *
 * @param functionType the target function type; empty when the request named none (or was unreadable)
 * @param address the target address (function type and id); empty as {@code functionType}. The id is
 *     unbounded: fit for a trace or a log, never for a metric attribute
 * @param batchSize the invocations the request carried (0 when it could not be read)
 * @param outcome how the request was answered
 * @param duration from receiving the bytes to the reply (or failure) being ready
 * @param stateBytesRead the bytes of state values the request carried for the function's declared states
 * @param stateBytesWritten the bytes of state values the reply writes back (0 unless {@link BatchOutcome#REPLIED})
 * @param messages messages sent to other functions
 * @param delayedMessages delayed messages sent
 * @param cancellations delayed messages cancelled
 * @param egressRecords egress records sent
 * @param failedInvocation the position in the batch of the invocation that failed ({@link BatchOutcome#FUNCTION_FAILED}),
 *     or whose caller or argument typename is invalid ({@link BatchOutcome#MALFORMED_REQUEST}; no invocation ran)
 * @param failure the failure the handler's stage completed with, if any
 */
public record BatchObservation(
    Optional<TypeName> functionType,
    Optional<Address> address,
    int batchSize,
    BatchOutcome outcome,
    Duration duration,
    long stateBytesRead,
    long stateBytesWritten,
    int messages,
    int delayedMessages,
    int cancellations,
    int egressRecords,
    OptionalInt failedInvocation,
    Optional<RequestFailure> failure) {

  public BatchObservation {
    Objects.requireNonNull(functionType, "functionType");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(failedInvocation, "failedInvocation");
    Objects.requireNonNull(failure, "failure");
  }
}
