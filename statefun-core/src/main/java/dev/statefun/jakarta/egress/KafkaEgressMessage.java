package dev.statefun.jakarta.egress;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.types.Type;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds a record for a Kafka egress:
 * {@code KafkaEgressMessage.forEgress(GREETS).withTopic("greetings").withUtf8Key(name).withUtf8Value(text).build()}.
 */
public final class KafkaEgressMessage {
  /** The typename the runtime requires on a Kafka record. */
  public static final TypeName RECORD_TYPE =
      TypeName.of("type.googleapis.com", "io.statefun.sdk.egress.KafkaProducerRecord");

  private final TypeName egress;
  private String topic;
  private String key = "";
  private byte[] value;

  private KafkaEgressMessage(TypeName egress) {
    this.egress = Objects.requireNonNull(egress, "egress typename");
  }

  public static KafkaEgressMessage forEgress(TypeName egress) {
    return new KafkaEgressMessage(egress);
  }

  public KafkaEgressMessage withTopic(String topic) {
    this.topic = Objects.requireNonNull(topic, "topic");
    return this;
  }

  /** The record key as UTF-8; by default the record has no key. */
  public KafkaEgressMessage withUtf8Key(String key) {
    this.key = Objects.requireNonNull(key, "key");
    return this;
  }

  public KafkaEgressMessage withUtf8Value(String value) {
    this.value = Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** The value bytes, copied. */
  public KafkaEgressMessage withValue(byte[] value) {
    this.value = Objects.requireNonNull(value, "value").clone();
    return this;
  }

  /** The value encoded with {@code type}'s serializer. */
  public <T> KafkaEgressMessage withValue(Type<T> type, T value) {
    this.value = Objects.requireNonNull(type, "type").serialize(Objects.requireNonNull(value, "value"));
    return this;
  }

  public EgressMessage build() {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalStateException("A Kafka record for " + egress + " needs a topic: call withTopic");
    }
    if (value == null) {
      throw new IllegalStateException("A Kafka record for " + egress + " needs a value: call withValue");
    }
    return new EgressMessage(egress, RECORD_TYPE, RecordEncoding.encode(RecordEncoding.KAFKA, key, value, topic, null));
  }
}
