package dev.statefun.jakarta;

import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.storage.AddressScopedStorage;
import java.time.Duration;
import java.util.Optional;

/**
 * What a function sees of one invocation, and how it acts: its own address, its caller, its
 * storage, and the messages it sends. Effects are collected and handed to the runtime together
 * when the whole batch has run. A context is valid only during its invocation (for an async
 * function: until its stage completes), and must not be shared between threads concurrently.
 */
public interface Context {

  /** The address of the function instance being invoked. */
  Address self();

  /** The function that sent the message; empty if the message came from an ingress. */
  Optional<Address> caller();

  /** Sends a message to another function (or to this one). */
  void send(Message message);

  /**
   * Sends a message that the runtime delivers after {@code delay}.
   *
   * @throws IllegalArgumentException if the delay is negative
   */
  void sendAfter(Duration delay, Message message);

  /**
   * Sends a delayed message tagged with a token that {@link #cancelDelayedMessage} can cancel.
   *
   * @throws IllegalArgumentException if the delay is negative
   */
  void sendAfter(Duration delay, CancellationToken token, Message message);

  /**
   * Cancels a delayed message sent with {@code token}. Best effort: if the message was delivered
   * already, or the token is unknown, nothing happens.
   */
  void cancelDelayedMessage(CancellationToken token);

  /** Sends a record to an egress (Kafka, Kinesis or a generic one). */
  void send(EgressMessage message);

  /** The values stored for {@link #self()}. */
  AddressScopedStorage storage();
}
