package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.example.reminders.CancelReminder;
import dev.statefun.jakarta.example.reminders.ScheduleReminder;
import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.EgressRecords;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.TestRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example functions together in the test runtime: messages between them, and time. */
class ExampleFlowTest {
  final TestRuntime runtime = TestRuntime.of(
      FunctionTester.specOf(Greeter.class, new Greeter(new GreetingFormatter())),
      FunctionTester.specOf(Inbox.class, new Inbox()),
      FunctionTester.specOf(Reminders.class, new Reminders()));
  final Address bob = Address.of(Reminders.TYPE, "bob");

  @Test
  void theGreeterGreetsTheInboxWhichNumbersTheGreetings() {
    runtime.send(MessageBuilder.forAddress(TypeName.parse(Greeter.TYPE), "bob").withValue("bob").build());
    runtime.send(MessageBuilder.forAddress(TypeName.parse(Greeter.TYPE), "bob").withValue("bob").build());
    assertEquals(List.of("1: Hello bob for the 1st time!", "2: Hello bob for the 2nd time!"), texts(Inbox.TOPIC));
    assertEquals(Optional.of(2), runtime.state(Address.of(Inbox.TYPE, "bob"), Inbox.RECEIVED));
  }

  @Test
  void theInboxCountExpiresAWeekAfterItsLastGreeting() {
    Address greeter = Address.of(Greeter.TYPE, "bob");
    Address inbox = Address.of(Inbox.TYPE, "bob");
    runtime.send(MessageBuilder.forAddress(greeter).withValue("bob").build());
    runtime.advance(Duration.ofDays(6));
    runtime.send(MessageBuilder.forAddress(greeter).withValue("bob").build());
    runtime.advance(Duration.ofDays(6));
    assertEquals(Optional.of(2), runtime.state(inbox, Inbox.RECEIVED), "each greeting extends it");
    runtime.advance(Duration.ofDays(1));
    assertEquals(Optional.empty(), runtime.state(inbox, Inbox.RECEIVED));
    runtime.send(MessageBuilder.forAddress(greeter).withValue("bob").build());
    assertEquals("1: Hello bob for the 3rd time!", texts(Inbox.TOPIC).get(2), "the greeter's count has no expiry");
  }

  @Test
  void aNewerReminderCancelsThePendingOneAndOnlyItArrives() {
    runtime.send(schedule("water the plants", Duration.ofMinutes(10)));
    runtime.advance(Duration.ofMinutes(1));
    runtime.send(schedule("call ann", Duration.ofMinutes(2)));
    assertEquals(1, runtime.pendingDelayedMessages().size());

    runtime.advance(Duration.ofMinutes(1).minusMillis(1));
    assertEquals(List.of("#1 scheduled", "#1 cancelled", "#2 scheduled"), texts(Reminders.TOPIC));
    runtime.advance(Duration.ofMinutes(30));
    assertEquals(List.of("#1 scheduled", "#1 cancelled", "#2 scheduled", "#2 due: call ann"), texts(Reminders.TOPIC));
    assertEquals(Duration.ofMinutes(3), runtime.deliveries().get(runtime.deliveries().size() - 1).at());
  }

  @Test
  void aCancelledReminderNeverArrives() {
    runtime.send(schedule("a", Duration.ofSeconds(30)));
    runtime.send(MessageBuilder.forAddress(bob).withCustomType(Reminders.CANCEL, CancelReminder.getDefaultInstance())
        .build());
    runtime.advance(Duration.ofHours(1));
    assertEquals(List.of("#1 scheduled", "#1 cancelled"), texts(Reminders.TOPIC));
    assertTrue(runtime.pendingDelayedMessages().isEmpty());
  }

  private Message schedule(String text, Duration delay) {
    return MessageBuilder.forAddress(bob).withCustomType(Reminders.SCHEDULE,
        ScheduleReminder.newBuilder().setText(text).setDelayMillis(delay.toMillis()).build()).build();
  }

  private List<String> texts(String topic) {
    return runtime.egress(Greets.EGRESS).stream()
        .map(EgressRecords::kafka)
        .filter(record -> record.topic().equals(topic))
        .map(EgressRecords.KafkaRecord::utf8Value)
        .toList();
  }
}
