package dev.statefun.jakarta.benchmarks;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.handler.HandlerObserver;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.util.List;

/** The greeter written with this project's API, as a user would write it. */
public final class OursGreeter implements RemoteFunction {
  static final TypeName TYPE = TypeName.of(Greeting.FNS_NAMESPACE, Greeting.GREETER);
  static final TypeName INBOX = TypeName.of(Greeting.FNS_NAMESPACE, Greeting.INBOX);
  static final TypeName GREETS = TypeName.of(Greeting.EGRESS_NAMESPACE, Greeting.EGRESS);
  static final ValueSpec<Integer> SEEN = ValueSpec.of(Greeting.STATE_SEEN, Types.INT);

  @Override
  public void invoke(Context context, Message message) {
    String name = message.asString();
    int seen = context.storage().get(SEEN).orElse(0) + 1;
    context.storage().set(SEEN, seen);
    String greeting = Greeting.text(name, seen);
    context.send(MessageBuilder.forAddress(INBOX, name).withValue(greeting).build());
    context.send(KafkaEgressMessage.forEgress(GREETS)
        .withTopic(Greeting.TOPIC)
        .withUtf8Key(name)
        .withUtf8Value(greeting)
        .build());
  }

  /** The handler an endpoint would build: one registry, one handler, shared by all requests. */
  public static RequestReplyHandler handler() {
    return handler(List.of());
  }

  /** The same handler, telling {@code observers} about every request. */
  public static RequestReplyHandler handler(List<? extends HandlerObserver> observers) {
    return FunctionRegistry.builder()
        .register(FunctionSpec.builder(TYPE).withValueSpec(SEEN).withFunction(new OursGreeter()).build())
        .build()
        .handler(observers);
  }
}
