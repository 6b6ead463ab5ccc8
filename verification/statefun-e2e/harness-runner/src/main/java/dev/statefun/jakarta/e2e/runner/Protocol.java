package dev.statefun.jakarta.e2e.runner;

import java.io.PrintStream;
import java.util.StringJoiner;

/**
 * The lines this JVM writes on stdout for the driver: {@code @statefun-e2e<TAB>event<TAB>field...}.
 * Flink logs to a file, so stdout carries nothing else of ours; the driver ignores other lines.
 */
final class Protocol {
  static final String PREFIX = "@statefun-e2e";

  // Egress consumers run on Flink task threads: whole lines, never interleaved.
  private static final PrintStream OUT = System.out;

  private Protocol() {}

  static void emit(String event, String... fields) {
    StringJoiner line = new StringJoiner("\t").add(PREFIX).add(event);
    for (String field : fields) {
      line.add(field.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
    }
    synchronized (OUT) {
      OUT.println(line);
      OUT.flush();
    }
  }
}
