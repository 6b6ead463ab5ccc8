package dev.statefun.jakarta.testing;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.message.Message;
import java.time.Duration;
import java.util.Optional;

/**
 * One message a {@link TestRuntime} delivered, and what its function did with it.
 *
 * @param at the virtual time of the delivery
 * @param caller the sender; empty for a message sent from outside
 * @param message the message
 * @param result what the function produced
 */
public record Delivery(Duration at, Optional<Address> caller, Message message, InvocationResult result) {

  /** A message waiting to be delivered. */
  record Pending(Optional<Address> caller, Message message) {}
}
