package dev.statefun.jakarta.cdi.sample;

// Wildcard imports of the API and of the CDI module on purpose: no simple name clashes.
import dev.statefun.jakarta.*;
import dev.statefun.jakarta.cdi.*;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import jakarta.inject.Inject;
import java.time.Duration;

/** The reference sync function: default scope, state, an injected helper, an outgoing message. */
@StatefulFunction("com.example.fns/greeter")
public class Greeter implements RemoteFunction {
  public static final TypeName INBOX = TypeName.parse("com.example.fns/inbox");
  static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
  static final ValueSpec<String> LAST_GREETING =
      ValueSpec.of("last_greeting", Types.STRING).expireAfterWrite(Duration.ofMinutes(5));

  @Inject GreetingFormatter formatter;
  private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

  /** How many invocations this instance has served. */
  public int calls() {
    return calls.get();
  }

  @Override
  public void invoke(Context context, Message message) {
    calls.incrementAndGet();
    int seen = context.storage().get(SEEN).orElse(0) + 1;
    context.storage().set(SEEN, seen);
    String greeting = formatter.format(message.asString(), seen);
    context.storage().set(LAST_GREETING, greeting);
    context.send(MessageBuilder.forAddress(INBOX, context.self().id()).withValue(greeting).build());
  }
}
