package dev.statefun.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.handler.FunctionFailedException;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionTesterTest {
  static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
  static final TypeName GREETER = TypeName.parse("com.example.fns/greeter");
  static final TypeName INBOX = TypeName.parse("com.example.fns/inbox");
  static final TypeName GREETS = TypeName.parse("com.example/greets");

  static final FunctionSpec SPEC = FunctionSpec.builder(GREETER)
      .withValueSpec(SEEN)
      .withFunction((context, message) -> {
        String name = message.asString();
        if (name.isEmpty()) {
          throw new IllegalArgumentException("no name");
        }
        int seen = context.storage().get(SEEN).orElse(0) + 1;
        context.storage().set(SEEN, seen);
        String greeting = "Hello " + name + " #" + seen;
        context.send(MessageBuilder.forAddress(INBOX, name).withValue(greeting).build());
        context.send(KafkaEgressMessage.forEgress(GREETS).withTopic("greetings").withUtf8Key(name)
            .withUtf8Value(greeting).build());
        if (seen == 3) {
          context.sendAfter(Duration.ofMinutes(1), CancellationToken.of("reminder-" + name),
              MessageBuilder.forAddress(context.self()).withValue(name).build());
        }
        if (seen == 4) {
          context.cancelDelayedMessage(CancellationToken.of("reminder-" + name));
          context.storage().remove(SEEN);
        }
      })
      .build();

  @Test
  void testsAFunctionThroughTheRealHandler() {
    Address bob = new Address(GREETER, "bob");
    FunctionTester tester = FunctionTester.of(SPEC).withState(bob, SEEN, 1);
    InvocationResult first = tester.invoke(MessageBuilder.forAddress(bob).withValue("bob").build());
    assertEquals(Optional.of(2), first.state(SEEN));
    assertInstanceOf(StateChange.Modified.class, first.stateChanges().get("seen"));
    assertEquals("Hello bob #2", first.messages().get(0).asString());
    assertEquals(new Address(INBOX, "bob"), first.messages().get(0).targetAddress());
    EgressRecords.KafkaRecord record = EgressRecords.kafka(first.egressMessages().get(0));
    assertEquals("greetings", record.topic());
    assertEquals("bob", record.key());
    assertEquals("Hello bob #2", record.utf8Value());

    InvocationResult third = tester.invokeFrom(new Address(INBOX, "x"), MessageBuilder.forAddress(bob).withValue("bob").build());
    DelayedMessage reminder = third.delayedMessages().get(0);
    assertEquals(Duration.ofMinutes(1), reminder.delay());
    assertEquals(Optional.of(CancellationToken.of("reminder-bob")), reminder.token());

    InvocationResult fourth = tester.invoke(MessageBuilder.forAddress(bob).withValue("bob").build());
    assertEquals(CancellationToken.of("reminder-bob"), fourth.cancellations().get(0));
    assertInstanceOf(StateChange.Deleted.class, fourth.stateChanges().get("seen"));
    assertEquals(Optional.empty(), tester.state(bob, SEEN));
  }

  @Test
  void aBatchAndAFailure() {
    Address ann = new Address(GREETER, "ann");
    FunctionTester tester = FunctionTester.of(SPEC);
    InvocationResult result = tester.invoke(MessageBuilder.forAddress(ann).withValue("ann").build(),
        MessageBuilder.forAddress(ann).withValue("ann").build());
    assertEquals(2, result.messages().size());
    assertEquals(Optional.of(2), tester.state(ann, SEEN));
    assertThrows(FunctionFailedException.class, () -> tester.invoke(MessageBuilder.forAddress(ann).withValue("").build()));
    assertEquals(Optional.of(2), tester.state(ann, SEEN), "a failed batch changes nothing");
  }

  @Test
  void delayedMessagesToItselfArriveWhenTheClockPassesThemUnlessCancelled() {
    Address bob = new Address(GREETER, "bob");
    FunctionTester tester = FunctionTester.of(SPEC).withState(bob, SEEN, 2);
    tester.invoke(MessageBuilder.forAddress(bob).withValue("bob").build());   // the 3rd: a reminder in 1 min
    assertEquals(1, tester.pendingDelayedMessages().size());
    assertEquals(List.of(), tester.advance(Duration.ofSeconds(59)));
    List<InvocationResult> due = tester.advance(Duration.ofSeconds(1));
    assertEquals(1, due.size());
    // The reminder is the 4th message: it cancels the (already delivered) reminder and removes the count.
    assertEquals(List.of(CancellationToken.of("reminder-bob")), due.get(0).cancellations());
    assertEquals(Optional.empty(), tester.state(bob, SEEN));

    FunctionTester cancelling = FunctionTester.of(SPEC).withState(bob, SEEN, 2);
    cancelling.invoke(MessageBuilder.forAddress(bob).withValue("bob").build());   // 3rd: schedules
    cancelling.invoke(MessageBuilder.forAddress(bob).withValue("bob").build());   // 4th: cancels
    assertEquals(List.of(), cancelling.pendingDelayedMessages());
    assertEquals(List.of(), cancelling.advance(Duration.ofHours(1)));
  }
}
