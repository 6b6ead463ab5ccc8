package dev.statefun.jakarta.example;

import static dev.statefun.jakarta.testkit.Requests.kafka;
import static dev.statefun.jakarta.testkit.Requests.to;
import static dev.statefun.jakarta.testkit.Requests.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.example.reminders.Reminder;
import dev.statefun.jakarta.example.reminders.ScheduleReminder;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.FromFunction.ExpirationSpec.ExpireMode;
import dev.statefun.jakarta.internal.protocol.FromFunction.PersistedValueMutation.MutationType;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the example functions answer over HTTP, to the bytes the StateFun runtime sends: the same
 * checks for the WAR on every server ({@link WarEndpointIT}), for the classes jar on the embedded
 * server ({@link EmbeddedEndpointIT}) and on Quarkus (statefun-quarkus-example, through this
 * module's test-jar: hence public, since Quarkus loads its tests in another class loader).
 */
public abstract class ExampleEndpointChecks {
  static final String OCTET_STREAM = "application/octet-stream";

  URI endpoint;

  /** The endpoint URL, on a loopback address. */
  protected abstract URI endpoint() throws Exception;

  @BeforeEach
  void findEndpoint() throws Exception {
    endpoint = endpoint();
  }

  @Test
  void theGreeterAsksForItsStateFirstThenCounts() {
    // 1. The runtime's first call carries no state: the function must ask for it, running nothing.
    HttpResponse<byte[]> response =
        Wire.post(endpoint, OCTET_STREAM, to(Greeter.TYPE, "bob").invoke(Types.STRING, "bob").bytes());
    assertOctetStream(response);
    FromFunction first = Wire.reply(response);
    assertTrue(first.hasIncompleteInvocationContext(), first::toString);
    FromFunction.PersistedValueSpec missing = first.getIncompleteInvocationContext().getMissingValues(0);
    assertEquals(1, first.getIncompleteInvocationContext().getMissingValuesCount());
    assertEquals("seen_count", missing.getStateName());
    assertEquals("io.statefun.types/int", missing.getTypeTypename());
    assertEquals(ExpireMode.NONE, missing.getExpirationSpec().getMode());

    // 2. The runtime registers the state and sends the same invocation again, state present but empty.
    FromFunction.InvocationResponse second = invocationResult(
        to(Greeter.TYPE, "bob").emptyState("seen_count").invoke(Types.STRING, "bob"));
    assertGreeting(second, "Hello bob for the 1st time!", 1);

    // 3. Later calls carry the stored count.
    FromFunction.InvocationResponse third = invocationResult(
        to(Greeter.TYPE, "bob").state("seen_count", Types.INT, 1).invoke(Types.STRING, "bob"));
    assertGreeting(third, "Hello bob for the 2nd time!", 2);
  }

  @Test
  void expirationIsDeclaredToTheRuntime() {
    FromFunction inbox = Wire.reply(Wire.post(endpoint, OCTET_STREAM,
        to(Inbox.TYPE, "bob").invoke(Types.STRING, "hi").bytes()));
    FromFunction.ExpirationSpec afterCall =
        inbox.getIncompleteInvocationContext().getMissingValues(0).getExpirationSpec();
    assertEquals(ExpireMode.AFTER_INVOKE, afterCall.getMode());
    assertEquals(Duration.ofDays(7).toMillis(), afterCall.getExpireAfterMillis());

    FromFunction profiles = Wire.reply(Wire.post(endpoint, OCTET_STREAM,
        to(Profiles.TYPE, "bob").invoke(User.TYPE, new User("bob", "blue")).bytes()));
    FromFunction.PersistedValueSpec profile = profiles.getIncompleteInvocationContext().getMissingValues(0);
    assertEquals("com.example.types/user", profile.getTypeTypename());
    assertEquals(ExpireMode.AFTER_WRITE, profile.getExpirationSpec().getMode());
    assertEquals(Duration.ofHours(1).toMillis(), profile.getExpirationSpec().getExpireAfterMillis());
  }

  @Test
  void jsonValuesGoThroughTheServersJsonB() {
    FromFunction.InvocationResponse first = invocationResult(
        to(Profiles.TYPE, "bob").emptyState("profile").invoke(User.TYPE, new User("bob", "blue")));
    assertEquals("bob likes blue", kafka(first.getOutgoingEgresses(0)).getValueBytes().toStringUtf8());
    FromFunction.PersistedValueMutation stored = first.getStateMutations(0);
    assertEquals(MutationType.MODIFY, stored.getMutationType());
    assertEquals("com.example.types/user", stored.getStateValue().getTypename());
    assertEquals(new User("bob", "blue"), value(User.TYPE, stored.getStateValue()));

    FromFunction.InvocationResponse second = invocationResult(to(Profiles.TYPE, "bob")
        .state("profile", User.TYPE, new User("bob", "blue")).invoke(User.TYPE, new User("bob", "green")));
    assertEquals("bob now likes green (was blue)",
        kafka(second.getOutgoingEgresses(0)).getValueBytes().toStringUtf8());
  }

  @Test
  void protobufRemindersAreDelayedAndCancelled() {
    ScheduleReminder water = ScheduleReminder.newBuilder().setText("water the plants").setDelayMillis(1500).build();
    FromFunction.InvocationResponse first = invocationResult(to(Reminders.TYPE, "bob")
        .emptyState("scheduled").emptyState("pending").invoke(Reminders.SCHEDULE, water));
    FromFunction.DelayedInvocation delayed = first.getDelayedInvocations(0);
    assertEquals(1500, delayed.getDelayInMs());
    assertEquals("reminder-bob-1", delayed.getCancellationToken());
    assertFalse(delayed.getIsCancellationRequest());
    assertEquals(Requests.address(Reminders.TYPE, "bob"), delayed.getTarget());
    assertEquals(Reminder.newBuilder().setNumber(1).setText("water the plants").build(),
        value(Reminders.REMINDER, delayed.getArgument()));

    Requests pending = to(Reminders.TYPE, "bob").state("scheduled", Types.INT, 1).state("pending", Types.INT, 1);
    FromFunction.InvocationResponse second = invocationResult(pending.invoke(Reminders.SCHEDULE,
        ScheduleReminder.newBuilder().setText("call ann").setDelayMillis(500).build()));
    assertEquals(2, second.getDelayedInvocationsCount());
    FromFunction.DelayedInvocation cancellation = second.getDelayedInvocations(0);
    assertTrue(cancellation.getIsCancellationRequest());
    assertEquals("reminder-bob-1", cancellation.getCancellationToken());
    assertEquals("reminder-bob-2", second.getDelayedInvocations(1).getCancellationToken());
    assertEquals(List.of("#1 cancelled", "#2 scheduled"), second.getOutgoingEgressesList().stream()
        .map(egress -> kafka(egress).getValueBytes().toStringUtf8()).toList());
  }

  @Test
  void theAsyncTranslatorRepliesWhenThePhrasebookHasAnswered() {
    FromFunction.InvocationResponse result = invocationResult(
        to(Translator.TYPE, "de").emptyState("translated").invoke(Types.STRING, "bob").invoke(Types.STRING, "ann"));
    assertEquals(List.of("Hallo bob!", "Hallo ann!"), result.getOutgoingEgressesList().stream()
        .map(egress -> kafka(egress).getValueBytes().toStringUtf8()).toList());
    assertEquals(2, value(Types.INT, result.getStateMutations(0).getStateValue()));
  }

  @Test
  void anUnknownFunctionTypeIs404() {
    HttpResponse<byte[]> response = Wire.post(endpoint, OCTET_STREAM,
        to("com.example.fns/nobody", "x").invoke(Types.STRING, "hi").bytes());
    assertEquals(404, response.statusCode(), () -> body(response));
    assertTrue(body(response).contains("com.example.fns/nobody"), () -> body(response));
  }

  @Test
  void garbageIs400() {
    HttpResponse<byte[]> garbage = Wire.post(endpoint, OCTET_STREAM, new byte[] {(byte) 0xff, 0x13, 0x07, 0x00});
    assertEquals(400, garbage.statusCode(), () -> body(garbage));
    assertTrue(garbage.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

    HttpResponse<byte[]> empty = Wire.post(endpoint, OCTET_STREAM, new byte[0]);
    assertEquals(400, empty.statusCode(), () -> body(empty));
  }

  @Test
  void anotherContentTypeIs415() {
    HttpResponse<byte[]> response = Wire.post(endpoint, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(415, response.statusCode(), () -> body(response));
  }

  private FromFunction.InvocationResponse invocationResult(Requests batch) {
    HttpResponse<byte[]> response = Wire.post(endpoint, OCTET_STREAM, batch.bytes());
    assertOctetStream(response);
    FromFunction reply = Wire.reply(response);
    assertTrue(reply.hasInvocationResult(), reply::toString);
    return reply.getInvocationResult();
  }

  private static void assertGreeting(FromFunction.InvocationResponse result, String greeting, int count) {
    FromFunction.PersistedValueMutation mutation = result.getStateMutations(0);
    assertEquals(MutationType.MODIFY, mutation.getMutationType());
    assertEquals("seen_count", mutation.getStateName());
    assertEquals(count, value(Types.INT, mutation.getStateValue()));

    FromFunction.Invocation toInbox = result.getOutgoingMessages(0);
    assertEquals(Requests.address(Inbox.TYPE, "bob"), toInbox.getTarget());
    assertEquals(greeting, value(Types.STRING, toInbox.getArgument()));

    FromFunction.EgressMessage egress = result.getOutgoingEgresses(0);
    assertEquals("com.example", egress.getEgressNamespace());
    assertEquals("greets", egress.getEgressType());
    assertEquals(KafkaEgressMessage.RECORD_TYPE.canonical(), egress.getArgument().getTypename());
    KafkaProducerRecord record = kafka(egress);
    assertEquals("greetings", record.getTopic());
    assertEquals("bob", record.getKey());
    assertEquals(greeting, record.getValueBytes().toStringUtf8());
  }

  private static void assertOctetStream(HttpResponse<byte[]> response) {
    assertEquals(200, response.statusCode(), () -> body(response));
    // Exactly this, without a charset parameter: the runtime rejects anything else.
    assertEquals(List.of(OCTET_STREAM), response.headers().allValues("Content-Type"));
  }

  private static String body(HttpResponse<byte[]> response) {
    return response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("(no content type)")
        + ": " + new String(response.body(), StandardCharsets.UTF_8);
  }
}
