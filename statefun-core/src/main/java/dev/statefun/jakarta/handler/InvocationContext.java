package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.storage.AddressScopedStorage;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The context of one invocation; it refuses use after its invocation completed. */
final class InvocationContext implements Context {
  private final Batch batch;
  private final int index;
  private boolean closed;

  InvocationContext(Batch batch, int index) {
    this.batch = batch;
    this.index = index;
  }

  void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The context of " + batch.self
          + " was used after its invocation completed; a context is valid only during its invocation");
    }
  }

  @Override
  public Address self() {
    return batch.self;
  }

  @Override
  public Optional<Address> caller() {
    String[] parts = batch.request.caller(index);
    if (parts == null) {
      return Optional.empty();
    }
    return Optional.of(new Address(TypeName.of(parts[0], parts[1]), parts[2]));
  }

  @Override
  public void send(Message message) {
    checkOpen();
    Objects.requireNonNull(message, "message");
    batch.effects.send(message);
  }

  @Override
  public void sendAfter(Duration delay, Message message) {
    checkOpen();
    Objects.requireNonNull(message, "message");
    batch.effects.delay(new Effects.Delayed(toMillis(delay), message, null));
  }

  @Override
  public void sendAfter(Duration delay, CancellationToken token, Message message) {
    checkOpen();
    Objects.requireNonNull(token, "cancellation token");
    Objects.requireNonNull(message, "message");
    batch.effects.delay(new Effects.Delayed(toMillis(delay), message, token.token()));
  }

  @Override
  public void cancelDelayedMessage(CancellationToken token) {
    checkOpen();
    Objects.requireNonNull(token, "cancellation token");
    batch.effects.delay(new Effects.Cancellation(token.token()));
  }

  @Override
  public void send(EgressMessage message) {
    checkOpen();
    Objects.requireNonNull(message, "egress message");
    batch.effects.egress(message);
  }

  @Override
  public AddressScopedStorage storage() {
    checkOpen();
    return batch.storage;
  }

  /** Whole milliseconds, rounded up so that a positive delay never becomes "now". */
  private static long toMillis(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("A message delay must not be negative, was " + delay);
    }
    try {
      long millis = delay.toMillis();
      return delay.getNano() % 1_000_000 == 0 ? millis : Math.addExact(millis, 1);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("A message delay of " + delay + " does not fit in milliseconds", e);
    }
  }
}
