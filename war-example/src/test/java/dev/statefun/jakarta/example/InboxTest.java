package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.Expiration;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.EgressRecords;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.InvocationResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InboxTest {
  static final FunctionSpec SPEC = FunctionSpec.builder(Inbox.TYPE)
      .withValueSpec(Inbox.RECEIVED)
      .withFunction(new Inbox())
      .build();

  @Test
  void numbersTheGreetingsItReceives() {
    Address inbox = Address.of(Inbox.TYPE, "bob");
    FunctionTester tester = FunctionTester.of(SPEC);
    Address greeter = Address.of(Greeter.TYPE, "bob");

    tester.invokeFrom(greeter, MessageBuilder.forAddress(inbox).withValue("Hello bob for the 1st time!").build());
    InvocationResult second =
        tester.invokeFrom(greeter, MessageBuilder.forAddress(inbox).withValue("Hello bob for the 2nd time!").build());

    EgressRecords.KafkaRecord record = EgressRecords.kafka(second.egressMessages().get(0));
    assertEquals("inbox", record.topic());
    assertEquals("bob", record.key());
    assertEquals("2: Hello bob for the 2nd time!", record.utf8Value());
  }

  @Test
  void theCountExpiresAWeekAfterTheLastCall() {
    assertEquals(Expiration.afterCall(Duration.ofDays(7)), Inbox.RECEIVED.expiration());
  }
}
