package dev.statefun.jakarta.benchmarks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.IntWrapper;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the benchmark's fairness: the three contenders must answer the benchmark's requests with the
 * same reply, and that reply must be the greeter's correct answer (three agreeing wrong replies would
 * pass a pure comparison).
 */
class ReplyEquivalenceTest {

  @ParameterizedTest(name = "batch of {0}")
  @ValueSource(ints = {1, 100})
  void allThreeContendersReplyTheSame(int batchSize) {
    RequestReplyBenchmark benchmark = newBenchmark(batchSize);
    FromFunction baseline = Replies.normalized(benchmark.baseline());
    FromFunction official = Replies.normalized(benchmark.official().toByteArray());
    assertEquals(baseline, official, "official SDK vs baseline");

    FromFunction ours = Replies.normalized(benchmark.ours());
    assertEquals(baseline, ours, "ours vs baseline");
  }

  @ParameterizedTest(name = "batch of {0}")
  @ValueSource(ints = {1, 100})
  void theReplyIsTheGreetersAnswer(int batchSize) throws InvalidProtocolBufferException {
    FromFunction reply = Replies.normalized(newBenchmark(batchSize).baseline());
    assertTrue(reply.hasInvocationResult(), "an invocation result, not an incomplete context");
    FromFunction.InvocationResponse result = reply.getInvocationResult();

    assertEquals(1, result.getStateMutationsCount(), "one mutation: seen");
    FromFunction.PersistedValueMutation mutation = result.getStateMutations(0);
    int finalCount = GreetRequests.STORED_SEEN + batchSize;
    assertAll(
        () -> assertEquals(FromFunction.PersistedValueMutation.MutationType.MODIFY, mutation.getMutationType()),
        () -> assertEquals(Greeting.STATE_SEEN, mutation.getStateName()),
        () -> assertEquals(Greeting.INT_TYPENAME, mutation.getStateValue().getTypename()),
        () -> assertTrue(mutation.getStateValue().getHasValue()),
        () -> assertEquals(finalCount, IntWrapper.parseFrom(mutation.getStateValue().getValue()).getValue()),
        () -> assertEquals(batchSize, result.getOutgoingMessagesCount()),
        () -> assertEquals(batchSize, result.getOutgoingEgressesCount()),
        () -> assertEquals(0, result.getDelayedInvocationsCount()));

    List<FromFunction.Invocation> messages = result.getOutgoingMessagesList();
    List<FromFunction.EgressMessage> egresses = result.getOutgoingEgressesList();
    for (int i = 0; i < batchSize; i++) {
      String name = GreetRequests.nameAt(i);
      // Written out rather than via Greeting.text, so a bug there cannot hide here.
      String expected = "Hello " + name + " for the " + (GreetRequests.STORED_SEEN + 1 + i) + "th time!";

      FromFunction.Invocation message = messages.get(i);
      assertEquals("com.example.fns", message.getTarget().getNamespace());
      assertEquals("inbox", message.getTarget().getType());
      assertEquals(name, message.getTarget().getId());
      assertEquals("io.statefun.types/string", message.getArgument().getTypename());
      assertTrue(message.getArgument().getHasValue());
      assertEquals(expected, StringWrapper.parseFrom(message.getArgument().getValue()).getValue());

      FromFunction.EgressMessage egress = egresses.get(i);
      assertEquals("com.example", egress.getEgressNamespace());
      assertEquals("greets", egress.getEgressType());
      assertEquals("type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord",
          egress.getArgument().getTypename());
      KafkaProducerRecord record = KafkaProducerRecord.parseFrom(egress.getArgument().getValue());
      assertEquals("greetings", record.getTopic());
      assertEquals(name, record.getKey());
      assertEquals(expected, record.getValueBytes().toString(StandardCharsets.UTF_8));
    }
  }

  private static RequestReplyBenchmark newBenchmark(int batchSize) {
    RequestReplyBenchmark benchmark = new RequestReplyBenchmark();
    benchmark.batchSize = batchSize;
    benchmark.prepare();
    return benchmark;
  }
}
