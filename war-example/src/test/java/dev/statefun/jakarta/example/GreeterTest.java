package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.EgressRecords;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.InvocationResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GreeterTest {
  final Address bob = Address.of(Greeter.TYPE, "bob");
  // Type and state from the class, as the deployment reads them.
  final FunctionTester tester = FunctionTester.of(Greeter.class, new Greeter(new GreetingFormatter()));

  @Test
  void countsAndGreetsToTheInboxAndKafka() {
    InvocationResult first = tester.invoke(name("bob"));
    assertEquals(Optional.of(1), first.state(Greeter.SEEN_COUNT));
    Message toInbox = first.messages().get(0);
    assertEquals(Address.of(Inbox.TYPE, "bob"), toInbox.targetAddress());
    assertEquals("Hello bob for the 1st time!", toInbox.asString());

    EgressRecords.KafkaRecord record = EgressRecords.kafka(first.egressMessages().get(0));
    assertEquals(Greets.EGRESS, first.egressMessages().get(0).target());
    assertEquals("greetings", record.topic());
    assertEquals("bob", record.key());
    assertEquals("Hello bob for the 1st time!", record.utf8Value());

    InvocationResult second = tester.invoke(name("bob"));
    assertEquals("Hello bob for the 2nd time!", second.messages().get(0).asString());
    assertEquals(Optional.of(2), tester.state(bob, Greeter.SEEN_COUNT));
  }

  @Test
  void aBatchSeesItsOwnWritesAndNamesAreCountedApart() {
    tester.withState(bob, Greeter.SEEN_COUNT, 10);
    InvocationResult batch = tester.invoke(name("bob"), name("bob"));
    assertEquals(List.of("Hello bob for the 11th time!", "Hello bob for the 12th time!"),
        batch.messages().stream().map(Message::asString).toList());

    InvocationResult ann = tester.invoke(MessageBuilder.forAddress(Address.of(Greeter.TYPE, "ann")).withValue("ann").build());
    assertEquals("Hello ann for the 1st time!", ann.messages().get(0).asString());
  }

  private Message name(String name) {
    return MessageBuilder.forAddress(bob).withValue(name).build();
  }
}
