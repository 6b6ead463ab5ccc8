package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The effects of a batch, one list per repeated field of the reply ({@code outgoing_messages},
 * {@code delayed_invocations}, {@code outgoing_egresses}), each in the order the function produced
 * them. A delayed message and its cancellation share one list: their relative order matters. Lists
 * are created on first use, so a batch without effects of a kind allocates nothing for it.
 */
final class Effects {
  private List<Message> messages = List.of();
  private List<DelayedEffect> delayed = List.of();
  private List<EgressMessage> egresses = List.of();

  /** An entry of {@code delayed_invocations}: a delayed message or a cancellation. */
  sealed interface DelayedEffect permits Delayed, Cancellation {}

  /** A delayed message; {@code token} is null when it cannot be cancelled. */
  record Delayed(long delayMillis, Message message, String token) implements DelayedEffect {}

  /** A request to cancel the delayed message sent with {@code token}. */
  record Cancellation(String token) implements DelayedEffect {}

  void send(Message message) {
    if (messages.isEmpty()) {
      messages = new ArrayList<>(4);
    }
    messages.add(message);
  }

  void delay(DelayedEffect effect) {
    if (delayed.isEmpty()) {
      delayed = new ArrayList<>(4);
    }
    delayed.add(effect);
  }

  void egress(EgressMessage message) {
    if (egresses.isEmpty()) {
      egresses = new ArrayList<>(4);
    }
    egresses.add(message);
  }

  List<Message> messages() {
    return messages;
  }

  List<DelayedEffect> delayed() {
    return delayed;
  }

  List<EgressMessage> egresses() {
    return egresses;
  }
}
