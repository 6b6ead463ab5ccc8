package dev.statefun.jakarta.e2e.driver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * One record an egress received, as the remote function sent it: the egress identifier, the
 * value's typename and its bytes. The accessors decode the common shapes.
 *
 * @param egress the egress identifier, {@code namespace/name}
 * @param typeName the value's typename
 * @param value the value's bytes (not copied: do not change them)
 */
public record EgressRecord(String egress, String typeName, byte[] value) {
  public static final String STRING_TYPE = "io.statefun.types/string";
  public static final String KAFKA_TYPE = "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord";
  public static final String KINESIS_TYPE = "type.googleapis.com/io.statefun.sdk.egress.KinesisEgressRecord";

  /** A Kafka producer record as the runtime would hand it to Kafka. */
  public record KafkaRecord(String topic, String key, byte[] value) {
    public String valueAsUtf8() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  /** A Kinesis record as the runtime would hand it to Kinesis. */
  public record KinesisRecord(String stream, String partitionKey, String explicitHashKey, byte[] value) {
    public String valueAsUtf8() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  /** The value of an {@code io.statefun.types/string} record. */
  public String stringValue() {
    require(STRING_TYPE);
    return ProtoFields.string(ProtoFields.lengthDelimited(value), 1);
  }

  /** The value of a Kafka egress record. */
  public KafkaRecord kafkaRecord() {
    require(KAFKA_TYPE);
    Map<Integer, byte[]> fields = ProtoFields.lengthDelimited(value);
    return new KafkaRecord(ProtoFields.string(fields, 3), ProtoFields.string(fields, 1),
        fields.getOrDefault(2, new byte[0]));
  }

  /** The value of a Kinesis egress record. */
  public KinesisRecord kinesisRecord() {
    require(KINESIS_TYPE);
    Map<Integer, byte[]> fields = ProtoFields.lengthDelimited(value);
    return new KinesisRecord(ProtoFields.string(fields, 3), ProtoFields.string(fields, 1),
        ProtoFields.string(fields, 4), fields.getOrDefault(2, new byte[0]));
  }

  /**
   * The payload as text, whatever the shape: a string value, or the UTF-8 value of a Kafka or
   * Kinesis record; otherwise the typename and size.
   */
  public String text() {
    return switch (typeName) {
      case STRING_TYPE -> stringValue();
      case KAFKA_TYPE -> kafkaRecord().valueAsUtf8();
      case KINESIS_TYPE -> kinesisRecord().valueAsUtf8();
      default -> "<" + typeName + ", " + value.length + " bytes>";
    };
  }

  private void require(String expected) {
    if (!typeName.equals(expected)) {
      throw new IllegalStateException("Egress record of " + egress + " has type " + typeName + ", not " + expected);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EgressRecord r && egress.equals(r.egress) && typeName.equals(r.typeName)
        && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return (egress.hashCode() * 31 + typeName.hashCode()) * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    String shown;
    try {
      shown = text();
    } catch (RuntimeException e) {
      shown = "<" + value.length + " bytes>";
    }
    return egress + " " + typeName + " " + shown;
  }
}
