package dev.statefun.jakarta.example;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import jakarta.inject.Inject;

/**
 * The greeter of the StateFun docs: counts how often it has seen each name, and sends the greeting
 * to that name's {@link Inbox} and to the Kafka topic {@code greetings}.
 *
 * <p>Input: the name, as {@code io.statefun.types/string} (the address id is the name too).
 */
@StatefulFunction(Greeter.TYPE)
public class Greeter implements RemoteFunction {
  public static final String TYPE = "com.example.fns/greeter";
  public static final String TOPIC = "greetings";

  static final ValueSpec<Integer> SEEN_COUNT = ValueSpec.of("seen_count", Types.INT);

  private static final TypeName INBOX = TypeName.parse(Inbox.TYPE);

  private final GreetingFormatter formatter;

  @Inject
  public Greeter(GreetingFormatter formatter) {
    this.formatter = formatter;
  }

  /** For the container's client proxy (the bean is application-scoped). */
  protected Greeter() {
    this(null);
  }

  @Override
  public void invoke(Context context, Message message) {
    String name = message.asString();

    int seen = context.storage().get(SEEN_COUNT).orElse(0) + 1;
    context.storage().set(SEEN_COUNT, seen);

    String greeting = formatter.greet(name, seen);
    context.send(MessageBuilder.forAddress(INBOX, name).withValue(greeting).build());
    context.send(Greets.record(TOPIC, name, greeting));
  }
}
