package dev.statefun.jakarta.benchmarks;

import java.util.concurrent.CompletableFuture;
import org.apache.flink.statefun.sdk.java.Context;
import org.apache.flink.statefun.sdk.java.StatefulFunction;
import org.apache.flink.statefun.sdk.java.StatefulFunctionSpec;
import org.apache.flink.statefun.sdk.java.StatefulFunctions;
import org.apache.flink.statefun.sdk.java.TypeName;
import org.apache.flink.statefun.sdk.java.ValueSpec;
import org.apache.flink.statefun.sdk.java.handler.RequestReplyHandler;
import org.apache.flink.statefun.sdk.java.io.KafkaEgressMessage;
import org.apache.flink.statefun.sdk.java.message.Message;
import org.apache.flink.statefun.sdk.java.message.MessageBuilder;

/** The same greeter written with the official Apache StateFun Java SDK 3.3.0, as its docs show. */
public final class OfficialGreeter implements StatefulFunction {
  static final TypeName TYPE = TypeName.typeNameOf(Greeting.FNS_NAMESPACE, Greeting.GREETER);
  static final TypeName INBOX = TypeName.typeNameOf(Greeting.FNS_NAMESPACE, Greeting.INBOX);
  static final TypeName GREETS = TypeName.typeNameOf(Greeting.EGRESS_NAMESPACE, Greeting.EGRESS);
  static final ValueSpec<Integer> SEEN = ValueSpec.named(Greeting.STATE_SEEN).withIntType();

  @Override
  public CompletableFuture<Void> apply(Context context, Message message) {
    String name = message.asUtf8String();
    int seen = context.storage().get(SEEN).orElse(0) + 1;
    context.storage().set(SEEN, seen);
    String greeting = Greeting.text(name, seen);
    context.send(MessageBuilder.forAddress(INBOX, name).withValue(greeting).build());
    context.send(KafkaEgressMessage.forEgress(GREETS)
        .withTopic(Greeting.TOPIC)
        .withUtf8Key(name)
        .withUtf8Value(greeting)
        .build());
    return context.done();
  }

  /**
   * The handler as the SDK's docs build it. The SDK calls the supplier once per request; returning one
   * shared stateless instance keeps allocation comparable (ours registers one instance too).
   */
  public static RequestReplyHandler handler() {
    OfficialGreeter greeter = new OfficialGreeter();
    StatefulFunctions functions = new StatefulFunctions();
    functions.withStatefulFunction(
        StatefulFunctionSpec.builder(TYPE).withValueSpec(SEEN).withSupplier(() -> greeter));
    return functions.requestReplyHandler();
  }
}
