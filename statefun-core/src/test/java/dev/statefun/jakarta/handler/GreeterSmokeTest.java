package dev.statefun.jakarta.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.IntWrapper;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testkit.Requests;
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

  static Requests request(boolean withState, int invocations) {
    Requests request = Requests.to("com.example.fns/greeter", "bob");
    if (withState) {
      request.state("seen", Types.INT, 4);
    }
    for (int i = 0; i < invocations; i++) {
      request.invoke("bob");
    }
    return request;
  }

  @Test
  void missingStateAsksForIt() throws Exception {
    FromFunction reply = Requests.reply(handler, request(false, 1).bytes());
    assertTrue(reply.hasIncompleteInvocationContext());
    assertEquals("seen", reply.getIncompleteInvocationContext().getMissingValues(0).getStateName());
  }

  @Test
  void greets() throws Exception {
    FromFunction reply = Requests.reply(handler, request(true, 2).bytes());
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
    var record = Requests.kafka(egress);
    assertEquals(ByteString.copyFromUtf8("Hello bob for the 6th time!"), record.getValueBytes());
    assertEquals("bob", record.getKey());
  }
}
