package dev.statefun.jakarta.egress;

import com.google.protobuf.CodedOutputStream;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.KinesisEgressRecord;
import java.io.IOException;

/**
 * Encodes the Kafka and Kinesis egress records, which share a shape: a string (key or partition
 * key), the value bytes, a string (topic or stream), and for Kinesis an optional string (explicit
 * hash key). Written directly, as this runs once per record and a builder would copy the value
 * twice; the field numbers are the generated classes'. Empty fields are omitted, as protobuf omits them.
 */
final class RecordEncoding {
  /** The field numbers of one record type; {@code extra} is 0 where the record has no fourth field. */
  record Fields(int key, int value, int target, int extra) {}

  static final Fields KAFKA = new Fields(KafkaProducerRecord.KEY_FIELD_NUMBER,
      KafkaProducerRecord.VALUE_BYTES_FIELD_NUMBER, KafkaProducerRecord.TOPIC_FIELD_NUMBER, 0);
  static final Fields KINESIS = new Fields(KinesisEgressRecord.PARTITION_KEY_FIELD_NUMBER,
      KinesisEgressRecord.VALUE_BYTES_FIELD_NUMBER, KinesisEgressRecord.STREAM_FIELD_NUMBER,
      KinesisEgressRecord.EXPLICIT_HASH_KEY_FIELD_NUMBER);

  private RecordEncoding() {}

  static byte[] encode(Fields fields, String key, byte[] value, String target, String extra) {
    int size = stringSize(fields.key(), key)
        + (value.length == 0 ? 0 : CodedOutputStream.computeByteArraySize(fields.value(), value))
        + stringSize(fields.target(), target) + stringSize(fields.extra(), extra);
    byte[] out = new byte[size];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      writeString(cos, fields.key(), key);
      if (value.length != 0) {
        cos.writeByteArray(fields.value(), value);
      }
      writeString(cos, fields.target(), target);
      writeString(cos, fields.extra(), extra);
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("an exactly sized buffer overflowed", e);
    }
    return out;
  }

  private static int stringSize(int field, String value) {
    return value == null || value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, value);
  }

  private static void writeString(CodedOutputStream out, int field, String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      out.writeString(field, value);
    }
  }
}
