package dev.statefun.jakarta.example;

import dev.statefun.jakarta.ValueSpec;
import java.util.List;
import java.util.Map;

/** The example functions and the state each declares, for tests to compare against. */
final class ExampleFunctions {
  static final Map<String, List<ValueSpec<?>>> STATE = Map.of(
      Greeter.TYPE, List.of(Greeter.SEEN_COUNT),
      Inbox.TYPE, List.of(Inbox.RECEIVED),
      Profiles.TYPE, List.of(Profiles.PROFILE),
      Reminders.TYPE, List.of(Reminders.SCHEDULED, Reminders.PENDING),
      Translator.TYPE, List.of(Translator.TRANSLATED));

  private ExampleFunctions() {}
}
