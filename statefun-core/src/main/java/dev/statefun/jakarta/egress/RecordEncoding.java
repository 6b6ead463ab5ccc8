package dev.statefun.jakarta.egress;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;

/**
 * Encodes the Kafka and Kinesis egress records, which share a shape: a string (key or partition
 * key) as field 1, the value bytes as field 2, a string (topic or stream) as field 3, and for
 * Kinesis an optional string as field 4. Empty fields are omitted, as protobuf omits them.
 */
final class RecordEncoding {
  private RecordEncoding() {}

  static byte[] encode(String field1, byte[] value, String field3, String field4) {
    int size = stringSize(1, field1) + (value.length == 0 ? 0 : CodedOutputStream.computeByteArraySize(2, value))
        + stringSize(3, field3) + stringSize(4, field4);
    byte[] out = new byte[size];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      writeString(cos, 1, field1);
      if (value.length != 0) {
        cos.writeByteArray(2, value);
      }
      writeString(cos, 3, field3);
      writeString(cos, 4, field4);
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
