package dev.statefun.jakarta.example;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;

/**
 * Receives the greetings {@link Greeter} sends, numbers them, and writes
 * {@code <number>: <greeting>} to the Kafka topic {@code inbox}. An inbox nobody writes to or reads
 * for a week is forgotten: its count expires after the last call.
 *
 * <p>Input: a greeting, as {@code io.statefun.types/string}.
 */
@StatefulFunction(Inbox.TYPE)
public class Inbox implements RemoteFunction {
  public static final String TYPE = "com.example.fns/inbox";
  public static final String TOPIC = "inbox";

  static final ValueSpec<Integer> RECEIVED =
      ValueSpec.of("received", Types.INT).expireAfterCall(Duration.ofDays(7));

  @Override
  public void invoke(Context context, Message message) {
    int received = context.storage().get(RECEIVED).orElse(0) + 1;
    context.storage().set(RECEIVED, received);
    context.send(Greets.record(TOPIC, context.self().id(), received + ": " + message.asString()));
  }
}
