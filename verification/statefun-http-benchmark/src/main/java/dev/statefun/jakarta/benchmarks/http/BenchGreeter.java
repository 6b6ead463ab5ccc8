package dev.statefun.jakarta.benchmarks.http;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;

/**
 * The benchmark's greeter as a user writes it for a WAR or the embedded server: the same function as
 * statefun-benchmarks' {@code OursGreeter} and {@code OfficialGreeter} (read {@code seen}, add one, send
 * the greeting to the inbox and to Kafka), as a {@code @StatefulFunction} bean. {@code SameRepliesTest}
 * checks that it answers the benchmark's requests exactly as the official SDK does.
 */
@StatefulFunction("com.example.fns/greeter")
public class BenchGreeter implements RemoteFunction {
  static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
  private static final TypeName INBOX = TypeName.parse("com.example.fns/inbox");
  private static final TypeName GREETS = TypeName.parse("com.example/greets");

  @Override
  public void invoke(Context context, Message message) {
    String name = message.asString();
    int seen = context.storage().get(SEEN).orElse(0) + 1;
    context.storage().set(SEEN, seen);
    String greeting = "Hello " + name + " for the " + seen + "th time!";
    context.send(MessageBuilder.forAddress(INBOX, name).withValue(greeting).build());
    context.send(KafkaEgressMessage.forEgress(GREETS)
        .withTopic("greetings")
        .withUtf8Key(name)
        .withUtf8Value(greeting)
        .build());
  }
}
