package dev.statefun.jakarta.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.egress.KinesisEgressMessage;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.KinesisEgressRecord;
import java.nio.charset.StandardCharsets;

/** Decodes the Kafka and Kinesis records inside egress messages, for assertions. */
public final class EgressRecords {
  private EgressRecords() {}

  /**
   * A Kafka record.
   *
   * @param topic the topic
   * @param key the key; empty for none
   * @param value the value bytes
   */
  public record KafkaRecord(String topic, String key, byte[] value) {
    public String utf8Value() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  /**
   * A Kinesis record.
   *
   * @param stream the stream
   * @param partitionKey the partition key
   * @param explicitHashKey the explicit hash key; empty for none
   * @param value the value bytes
   */
  public record KinesisRecord(String stream, String partitionKey, String explicitHashKey, byte[] value) {
    public String utf8Value() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  public static KafkaRecord kafka(EgressMessage message) {
    if (!message.valueTypeName().equals(KafkaEgressMessage.RECORD_TYPE)) {
      throw new IllegalArgumentException("Not a Kafka record: " + message);
    }
    try {
      KafkaProducerRecord record = KafkaProducerRecord.parseFrom(message.rawValue());
      return new KafkaRecord(record.getTopic(), record.getKey(), record.getValueBytes().toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Malformed Kafka record: " + message, e);
    }
  }

  public static KinesisRecord kinesis(EgressMessage message) {
    if (!message.valueTypeName().equals(KinesisEgressMessage.RECORD_TYPE)) {
      throw new IllegalArgumentException("Not a Kinesis record: " + message);
    }
    try {
      KinesisEgressRecord record = KinesisEgressRecord.parseFrom(message.rawValue());
      return new KinesisRecord(record.getStream(), record.getPartitionKey(), record.getExplicitHashKey(),
          record.getValueBytes().toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Malformed Kinesis record: " + message, e);
    }
  }
}
