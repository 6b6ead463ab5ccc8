package dev.statefun.jakarta.example;

import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.example.reminders.CancelReminder;
import dev.statefun.jakarta.example.reminders.Reminder;
import dev.statefun.jakarta.example.reminders.ScheduleReminder;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;

/**
 * One pending reminder per user, as a delayed message to itself that a newer reminder, or a
 * {@link CancelReminder}, cancels. Protobuf messages from {@code reminders.proto}. Writes every step
 * to the Kafka topic {@code reminders}: {@code #1 scheduled}, {@code #1 cancelled},
 * {@code #2 due: <text>}.
 *
 * <p>Inputs: {@code type.googleapis.com/com.example.reminders.ScheduleReminder} and
 * {@code ...CancelReminder}; the delayed {@code ...Reminder} comes from the function itself.
 */
@StatefulFunction(Reminders.TYPE)
public class Reminders implements RemoteFunction {
  public static final String TYPE = "com.example.fns/reminders";
  public static final String TOPIC = "reminders";

  public static final Type<ScheduleReminder> SCHEDULE = Types.protobuf(ScheduleReminder.getDefaultInstance());
  public static final Type<CancelReminder> CANCEL = Types.protobuf(CancelReminder.getDefaultInstance());
  public static final Type<Reminder> REMINDER = Types.protobuf(Reminder.getDefaultInstance());

  /** How many reminders this user has scheduled: numbers them, and so keeps tokens unique. */
  static final ValueSpec<Integer> SCHEDULED = ValueSpec.of("scheduled", Types.INT);
  /** The number of the pending reminder; absent when none is pending. */
  static final ValueSpec<Integer> PENDING = ValueSpec.of("pending", Types.INT);

  @Override
  public void invoke(Context context, Message message) {
    if (message.is(SCHEDULE)) {
      schedule(context, message.as(SCHEDULE));
    } else if (message.is(CANCEL)) {
      cancelPending(context);
    } else if (message.is(REMINDER)) {
      deliver(context, message.as(REMINDER));
    } else {
      throw new IllegalArgumentException("Unexpected message type " + message.valueTypeName());
    }
  }

  private void schedule(Context context, ScheduleReminder request) {
    cancelPending(context);
    int number = context.storage().get(SCHEDULED).orElse(0) + 1;
    context.storage().set(SCHEDULED, number);
    context.storage().set(PENDING, number);

    Reminder reminder = Reminder.newBuilder().setNumber(number).setText(request.getText()).build();
    context.sendAfter(Duration.ofMillis(request.getDelayMillis()), token(context, number),
        MessageBuilder.forAddress(context.self()).withCustomType(REMINDER, reminder).build());
    emit(context, "#" + number + " scheduled");
  }

  private void cancelPending(Context context) {
    context.storage().get(PENDING).ifPresent(pending -> {
      context.cancelDelayedMessage(token(context, pending));
      context.storage().remove(PENDING);
      emit(context, "#" + pending + " cancelled");
    });
  }

  private void deliver(Context context, Reminder reminder) {
    if (context.storage().get(PENDING).orElse(0) != reminder.getNumber()) {
      // Cancellation is best effort: a reminder already on its way when it was cancelled still arrives.
      emit(context, "#" + reminder.getNumber() + " arrived after it was cancelled");
      return;
    }
    context.storage().remove(PENDING);
    emit(context, "#" + reminder.getNumber() + " due: " + reminder.getText());
  }

  private static CancellationToken token(Context context, int number) {
    return CancellationToken.of("reminder-" + context.self().id() + "-" + number);
  }

  private static void emit(Context context, String text) {
    context.send(Greets.record(TOPIC, context.self().id(), text));
  }
}
