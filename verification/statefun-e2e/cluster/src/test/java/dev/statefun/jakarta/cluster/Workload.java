package dev.statefun.jakarta.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The cluster smoke test's input, deterministic from its size: names for the greeter (round robin over
 * {@code ids} names, so each name's expected count is known) and, for one user per five names, two reminder
 * schedules in a row: #1 with a long delay that #2 cancels (it replaces it), #2 with a short delay that must be
 * delivered. Values are protobuf bytes, as the ingress hands them to the functions unchanged.
 */
record Workload(int messages, int ids) {
  static final long FIRST_REMINDER_DELAY_MS = 60_000;

  Workload {
    if (ids < 5 || messages < 3 * ids) {
      throw new IllegalArgumentException("need ids >= 5 and messages >= 3 * ids, got " + messages + " over " + ids);
    }
  }

  /** One Kafka record to write. */
  record Input(String topic, String key, byte[] value) {}

  int users() {
    return ids / 5;
  }

  int greetings() {
    return messages - 2 * users();
  }

  String name(int i) {
    return String.format("n%05d", i);
  }

  String user(int u) {
    return String.format("u%05d", u);
  }

  /** How many times the greeter sees name i. */
  int expectedCount(int i) {
    return greetings() / ids + (i < greetings() % ids ? 1 : 0);
  }

  String firstText(int u) {
    return "a-" + user(u);
  }

  String secondText(int u) {
    return "b-" + user(u);
  }

  /** #2's delay: 1-4 s, spread over the users. */
  long secondDelayMs(int u) {
    return 1_000 + (u * 37L) % 3_000;
  }

  /** Emits every input in order: each user's pair of schedules lands among the names, evenly spread. */
  void forEach(Consumer<Input> sink) {
    int g = greetings();
    int users = users();
    long every = Math.max(1, g / users);
    int nextUser = 0;
    for (int j = 0; j < g; j++) {
      sink.accept(new Input("names", name(j % ids), stringWrapper(name(j % ids))));
      if (nextUser < users && (j + 1) % every == 0) {
        emitUser(nextUser++, sink);
      }
    }
    while (nextUser < users) {
      emitUser(nextUser++, sink);
    }
  }

  private void emitUser(int u, Consumer<Input> sink) {
    sink.accept(new Input("reminder-schedules", user(u), schedule(firstText(u), FIRST_REMINDER_DELAY_MS)));
    sink.accept(new Input("reminder-schedules", user(u), schedule(secondText(u), secondDelayMs(u))));
  }

  /** io.statefun.types/string is the protobuf StringWrapper: field 1, length-delimited. */
  static byte[] stringWrapper(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeString(out, 1, s);
    return out.toByteArray();
  }

  /** ScheduleReminder {string text = 1; int64 delay_millis = 2;} */
  static byte[] schedule(String text, long delayMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeString(out, 1, text);
    out.write(2 << 3); // field 2, varint
    writeVarint(out, delayMillis);
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, int field, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(field << 3 | 2);
    writeVarint(out, b.length);
    out.writeBytes(b);
  }

  private static void writeVarint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }
}
