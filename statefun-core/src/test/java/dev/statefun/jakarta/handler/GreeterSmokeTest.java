package dev.statefun.jakarta.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.IntWrapper;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import org.junit.jupiter.api.Test;

class GreeterSmokeTest {
  static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
  static final TypeName INBOX = TypeName.parse("com.example.fns/inbox");
  static final TypeName GREETS = TypeName.parse("com.example/greets");

  final RequestReplyHandler handler = FunctionRegistry.builder()
      .register(FunctionSpec.builder("com.example.fns/greeter")
          .withValueSpec(SEEN)
          .withFunction((context, message) -> {
            String name = message.asString();
            int seen = context.storage().get(SEEN).orElse(0) + 1;
            context.storage().set(SEEN, seen);
            String greeting = "Hello " + name + " for the " + seen + "th time!";
            context.send(MessageBuilder.forAddress(INBOX, name).withValue(greeting).build());
            context.send(KafkaEgressMessage.forEgress(GREETS).withTopic("greetings").withUtf8Key(name)
                .withUtf8Value(greeting).build());
          })
          .build())
      .build()
      .handler();

  static ToFunction.Builder request(boolean withState, int invocations) {
    var batch = ToFunction.InvocationBatchRequest.newBuilder()
        .setTarget(dev.statefun.jakarta.internal.protocol.Address.newBuilder()
            .setNamespace("com.example.fns").setType("greeter").setId("bob"));
    if (withState) {
      batch.addState(ToFunction.PersistedValue.newBuilder().setStateName("seen")
          .setStateValue(TypedValue.newBuilder().setTypename("io.statefun.types/int").setHasValue(true)
              .setValue(IntWrapper.newBuilder().setValue(4).build().toByteString())));
    }
    for (int i = 0; i < invocations; i++) {
      batch.addInvocations(ToFunction.Invocation.newBuilder().setArgument(TypedValue.newBuilder()
          .setTypename("io.statefun.types/string").setHasValue(true)
          .setValue(StringWrapper.newBuilder().setValue("bob").build().toByteString())));
    }
    return ToFunction.newBuilder().setInvocation(batch);
  }

  @Test
  void missingStateAsksForIt() throws Exception {
    FromFunction reply = FromFunction.parseFrom(handler.handleBlocking(request(false, 1).build().toByteArray()));
    assertTrue(reply.hasIncompleteInvocationContext());
    assertEquals("seen", reply.getIncompleteInvocationContext().getMissingValues(0).getStateName());
  }

  @Test
  void greets() throws Exception {
    FromFunction reply = FromFunction.parseFrom(handler.handleBlocking(request(true, 2).build().toByteArray()));
    var result = reply.getInvocationResult();
    assertEquals(1, result.getStateMutationsCount());
    assertEquals(6, IntWrapper.parseFrom(result.getStateMutations(0).getStateValue().getValue()).getValue());
    assertEquals(2, result.getOutgoingMessagesCount());
    assertEquals("Hello bob for the 6th time!",
        StringWrapper.parseFrom(result.getOutgoingMessages(1).getArgument().getValue()).getValue());
    assertEquals("inbox", result.getOutgoingMessages(1).getTarget().getType());
    var egress = result.getOutgoingEgresses(1);
    assertEquals("greets", egress.getEgressType());
    assertEquals("type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord", egress.getArgument().getTypename());
    var record = KafkaProducerRecord.parseFrom(egress.getArgument().getValue());
    assertEquals(ByteString.copyFromUtf8("Hello bob for the 6th time!"), record.getValueBytes());
    assertEquals("bob", record.getKey());
  }
}
