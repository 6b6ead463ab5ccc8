package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.example.reminders.CancelReminder;
import dev.statefun.jakarta.example.reminders.Reminder;
import dev.statefun.jakarta.example.reminders.ScheduleReminder;
import dev.statefun.jakarta.handler.FunctionFailedException;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.DelayedMessage;
import dev.statefun.jakarta.testing.EgressRecords;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.InvocationResult;
import dev.statefun.jakarta.testing.StateChange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemindersTest {
  static final FunctionSpec SPEC = FunctionSpec.builder(Reminders.TYPE)
      .withValueSpecs(Reminders.SCHEDULED, Reminders.PENDING)
      .withFunction(new Reminders())
      .build();

  final Address bob = Address.of(Reminders.TYPE, "bob");
  final FunctionTester tester = FunctionTester.of(SPEC);

  @Test
  void aNewerReminderCancelsThePendingOneAndIsDelivered() {
    InvocationResult first = tester.invoke(schedule("water the plants", 60_000));
    DelayedMessage delayed = first.delayedMessages().get(0);
    assertEquals(Duration.ofMinutes(1), delayed.delay());
    assertEquals(Optional.of(CancellationToken.of("reminder-bob-1")), delayed.token());
    assertEquals(bob, delayed.message().targetAddress());
    assertEquals(Reminder.newBuilder().setNumber(1).setText("water the plants").build(),
        delayed.message().as(Reminders.REMINDER));
    assertEquals(List.of("#1 scheduled"), texts(first));

    InvocationResult second = tester.invoke(schedule("call ann", 500));
    assertEquals(List.of(CancellationToken.of("reminder-bob-1")), second.cancellations());
    assertEquals(Optional.of(CancellationToken.of("reminder-bob-2")), second.delayedMessages().get(0).token());
    assertEquals(List.of("#1 cancelled", "#2 scheduled"), texts(second));

    // The runtime delivers the delayed message: the function sent it to itself.
    InvocationResult due = tester.invokeFrom(bob, second.delayedMessages().get(0).message());
    assertEquals(List.of("#2 due: call ann"), texts(due));
    assertInstanceOf(StateChange.Deleted.class, due.stateChanges().get("pending"));
    assertEquals(Optional.of(2), due.state(Reminders.SCHEDULED));
  }

  @Test
  void aReminderThatArrivesAfterItsCancellationIsReportedNotDelivered() {
    Message firstReminder = tester.invoke(schedule("a", 1000)).delayedMessages().get(0).message();
    tester.invoke(cancel());
    InvocationResult late = tester.invokeFrom(bob, firstReminder);
    assertEquals(List.of("#1 arrived after it was cancelled"), texts(late));
    assertTrue(late.stateChanges().isEmpty());
  }

  @Test
  void cancelCancelsOnlyWhatIsPending() {
    InvocationResult nothingPending = tester.invoke(cancel());
    assertTrue(nothingPending.cancellations().isEmpty());
    assertTrue(nothingPending.egressMessages().isEmpty());

    tester.invoke(schedule("b", 1000));
    InvocationResult cancelled = tester.invoke(cancel());
    assertEquals(List.of(CancellationToken.of("reminder-bob-1")), cancelled.cancellations());
    assertEquals(List.of("#1 cancelled"), texts(cancelled));
    assertEquals(Optional.empty(), tester.state(bob, Reminders.PENDING));
  }

  @Test
  void anyOtherMessageFailsTheBatch() {
    FunctionFailedException failure =
        assertThrows(FunctionFailedException.class, () -> tester.invoke(MessageBuilder.forAddress(bob).withValue("hi").build()));
    assertTrue(failure.getMessage().contains("io.statefun.types/string")
        || String.valueOf(failure.getCause()).contains("io.statefun.types/string"), failure::toString);
  }

  @Test
  void theTypenamesAreTheProtobufConvention() {
    assertEquals("type.googleapis.com/com.example.reminders.ScheduleReminder", Reminders.SCHEDULE.typeName().canonical());
    assertEquals("type.googleapis.com/com.example.reminders.CancelReminder", Reminders.CANCEL.typeName().canonical());
    assertEquals("type.googleapis.com/com.example.reminders.Reminder", Reminders.REMINDER.typeName().canonical());
  }

  private Message schedule(String text, long delayMillis) {
    return MessageBuilder.forAddress(bob)
        .withCustomType(Reminders.SCHEDULE, ScheduleReminder.newBuilder().setText(text).setDelayMillis(delayMillis).build())
        .build();
  }

  private Message cancel() {
    return MessageBuilder.forAddress(bob).withCustomType(Reminders.CANCEL, CancelReminder.getDefaultInstance()).build();
  }

  private static List<String> texts(InvocationResult result) {
    return result.egressMessages().stream().map(EgressRecords::kafka)
        .peek(record -> assertEquals("reminders", record.topic()))
        .peek(record -> assertEquals("bob", record.key()))
        .map(EgressRecords.KafkaRecord::utf8Value).toList();
  }
}
