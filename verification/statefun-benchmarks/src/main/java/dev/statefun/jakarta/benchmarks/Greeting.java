package dev.statefun.jakarta.benchmarks;

/**
 * The workload every contender runs: the greeter from the StateFun docs, plus a Kafka egress record.
 * Names and text live here once so the three contenders cannot drift apart; each one still spells
 * them with its own API.
 */
public final class Greeting {
  private Greeting() {}

  public static final String FNS_NAMESPACE = "com.example.fns";
  public static final String GREETER = "greeter";
  public static final String INBOX = "inbox";
  public static final String EGRESS_NAMESPACE = "com.example";
  public static final String EGRESS = "greets";
  public static final String TOPIC = "greetings";
  public static final String STATE_SEEN = "seen";

  public static final String INT_TYPENAME = "io.statefun.types/int";
  public static final String STRING_TYPENAME = "io.statefun.types/string";
  public static final String KAFKA_RECORD_TYPENAME =
      "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord";

  /** The greeting for the {@code seen}-th visit (the count after this visit). */
  public static String text(String name, int seen) {
    return "Hello " + name + " for the " + seen + "th time!";
  }
}
