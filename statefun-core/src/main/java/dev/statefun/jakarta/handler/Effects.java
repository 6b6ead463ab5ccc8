package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.message.Message;
import java.util.ArrayList;

/**
 * The effects of a batch in the order the function produced them: {@link Message}s,
 * {@link Delayed} messages, {@link Cancellation}s and egress records. The reply groups them by kind
 * but keeps their relative order, which matters for a delayed message and its cancellation.
 */
final class Effects extends ArrayList<Object> {
  Effects() {
    super(8);
  }

  /** A delayed message; {@code token} is null when it cannot be cancelled. */
  record Delayed(long delayMillis, Message message, String token) {}

  /** A request to cancel the delayed message sent with {@code token}. */
  record Cancellation(String token) {}
}
