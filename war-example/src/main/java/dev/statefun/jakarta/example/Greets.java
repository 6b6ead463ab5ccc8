package dev.statefun.jakarta.example;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.egress.KafkaEgressMessage;

/**
 * The example's one Kafka egress, {@code com.example/greets} (declared in {@code module.yaml}).
 * Every function writes its output there, each to its own topic, keyed by the address id.
 */
public final class Greets {
  public static final TypeName EGRESS = TypeName.parse("com.example/greets");

  private Greets() {}

  /** A UTF-8 text record for {@code topic}. */
  public static EgressMessage record(String topic, String key, String text) {
    return KafkaEgressMessage.forEgress(EGRESS).withTopic(topic).withUtf8Key(key).withUtf8Value(text).build();
  }
}
