package dev.statefun.jakarta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.e2e.driver.EgressRecord;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import dev.statefun.jakarta.example.Greeter;
import dev.statefun.jakarta.example.Greets;
import dev.statefun.jakarta.example.Inbox;
import dev.statefun.jakarta.example.Profiles;
import dev.statefun.jakarta.example.Reminders;
import dev.statefun.jakarta.example.Translator;
import dev.statefun.jakarta.example.User;
import dev.statefun.jakarta.example.reminders.CancelReminder;
import dev.statefun.jakarta.example.reminders.ScheduleReminder;
import dev.statefun.jakarta.tools.EndpointDefinition;
import dev.statefun.jakarta.tools.ModuleYamlCommand;
import dev.statefun.jakarta.types.Type;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The example functions of war-example driven by the real StateFun runtime, wherever they are
 * served: a subclass starts the endpoint and says where it answers. One runtime serves all tests
 * (each uses its own ids); all of them write to the Kafka egress {@code com.example/greets}, which
 * the driver reports instead of contacting Kafka.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
abstract class ExampleFunctionsContract {
  /** The runtime takes 4-13 s to its first call here, more on a loaded machine. */
  static final Duration FIRST_CALL = Duration.ofSeconds(120);
  static final Duration NEXT = Duration.ofSeconds(30);

  StatefunRuntime runtime;

  /** Starts the endpoint serving the example functions; returns its URL. */
  abstract URI startEndpoint() throws Exception;

  /**
   * The endpoint definition as the module-yaml command writes it for the example functions (what the CDI registry
   * of war-example serves: ModuleYamlTest there checks that), so that the real runtime checks the command's output.
   */
  static String endpointYaml(URI url) throws IOException {
    List<TypeName> served = Stream.of(Greeter.TYPE, Inbox.TYPE, Profiles.TYPE, Reminders.TYPE, Translator.TYPE)
        .map(TypeName::parse).toList();
    return ModuleYamlCommand.render(new EndpointDefinition(url, Map.of("call", Duration.ofSeconds(30),
        "connect", Duration.ofSeconds(5))), served, Optional.empty());
  }

  /** Stops the endpoint. */
  abstract void stopEndpoint() throws Exception;

  // Every wait inside is bounded; these only back that up (a class-level @Timeout does not cover
  // lifecycle methods).
  @BeforeAll
  @Timeout(600)
  void startRuntime() throws Exception {
    URI url = startEndpoint();
    runtime = StatefunRuntime.builder()
        .name(getClass().getSimpleName())
        .moduleYaml(endpointYaml(url))
        .egress(Greets.EGRESS.canonical())
        .start();
    runtime.awaitRunning(FIRST_CALL);
  }

  @AfterAll
  @Timeout(300)
  void stopAll() throws Exception {
    try {
      if (runtime != null) {
        assertEquals(0, runtime.stop(), "the runtime stops cleanly");
      }
    } finally {
      stopEndpoint();
    }
  }

  @Test
  void greeterCountsEachNameExactly() {
    for (int i = 0; i < 5; i++) {
      runtime.sendString(Greeter.TYPE, "Alice", "Alice");
    }
    runtime.sendString(Greeter.TYPE, "Bob", "Bob");

    await("greetings", "Alice", "Hello Alice for the 5th time!", FIRST_CALL);
    await("inbox", "Alice", "5: Hello Alice for the 5th time!", NEXT);
    await("inbox", "Bob", "1: Hello Bob for the 1st time!", NEXT);

    assertEquals(List.of("Hello Alice for the 1st time!", "Hello Alice for the 2nd time!",
            "Hello Alice for the 3rd time!", "Hello Alice for the 4th time!", "Hello Alice for the 5th time!"),
        texts("greetings", "Alice"), "one greeting per message, counted in order");
    assertEquals(List.of("Hello Bob for the 1st time!"), texts("greetings", "Bob"));
    assertEquals(5, texts("inbox", "Alice").size(), "the inbox got each of Alice's greetings once");
  }

  @Test
  void aDelayedReminderIsDeliveredAfterItsDelay() {
    send(Reminders.TYPE, "ann", Reminders.SCHEDULE,
        ScheduleReminder.newBuilder().setText("stretch").setDelayMillis(1_500).build());

    await("reminders", "ann", "#1 scheduled", FIRST_CALL);
    await("reminders", "ann", "#1 due: stretch", NEXT);
    assertEquals(List.of("#1 scheduled", "#1 due: stretch"), texts("reminders", "ann"));
  }

  @Test
  void aCancelledReminderIsNeverDelivered() {
    // cal: scheduled, then cancelled. dee: scheduled, then replaced by a shorter one.
    send(Reminders.TYPE, "cal", Reminders.SCHEDULE,
        ScheduleReminder.newBuilder().setText("never").setDelayMillis(2_000).build());
    send(Reminders.TYPE, "cal", Reminders.CANCEL, CancelReminder.getDefaultInstance());
    send(Reminders.TYPE, "dee", Reminders.SCHEDULE,
        ScheduleReminder.newBuilder().setText("replaced").setDelayMillis(2_000).build());
    send(Reminders.TYPE, "dee", Reminders.SCHEDULE,
        ScheduleReminder.newBuilder().setText("kept").setDelayMillis(500).build());

    await("reminders", "cal", "#1 cancelled", FIRST_CALL);
    await("reminders", "dee", "#2 due: kept", NEXT);
    // Three times the cancelled reminders' delay, counted from when both cancellations were seen.
    runtime.egressDuring(Duration.ofSeconds(6));

    assertEquals(List.of("#1 scheduled", "#1 cancelled"), texts("reminders", "cal"));
    assertEquals(List.of("#1 scheduled", "#1 cancelled", "#2 scheduled", "#2 due: kept"), texts("reminders", "dee"));
  }

  @Test
  void theAsyncTranslatorAnswersPerLanguage() {
    runtime.sendString(Translator.TYPE, "de", "Eve");
    runtime.sendString(Translator.TYPE, "xx", "Eve");

    await("translations", "de", "Hallo Eve!", FIRST_CALL);
    await("translations", "xx", "no phrase for xx: Eve", NEXT);
  }

  @Test
  void profilesKeepJsonState() {
    send(Profiles.TYPE, "fay", User.TYPE, new User("fay", "blue"));
    send(Profiles.TYPE, "fay", User.TYPE, new User("fay", "green"));
    send(Profiles.TYPE, "fay", User.TYPE, new User("fay", "green"));

    await("profiles", "fay", "fay still likes green", FIRST_CALL);
    assertEquals(List.of("fay likes blue", "fay now likes green (was blue)", "fay still likes green"),
        texts("profiles", "fay"));
  }

  private <T> void send(String functionType, String id, Type<T> type, T value) {
    runtime.send(functionType, id, type.typeName().canonical(), type.serialize(value));
  }

  private EgressRecord await(String topic, String key, String text, Duration timeout) {
    return runtime.awaitEgress(topic + "/" + key + ": " + text, r -> matches(r, topic, key) && r.text().equals(text),
        timeout);
  }

  private List<String> texts(String topic, String key) {
    return runtime.egressRecords().stream().filter(r -> matches(r, topic, key)).map(EgressRecord::text).toList();
  }

  private static boolean matches(EgressRecord record, String topic, String key) {
    return record.typeName().equals(EgressRecord.KAFKA_TYPE)
        && record.kafkaRecord().topic().equals(topic)
        && record.kafkaRecord().key().equals(key);
  }
}
