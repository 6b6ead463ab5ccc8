package dev.statefun.jakarta.e2e.driver;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Just enough of the protobuf wire format to read and write the flat messages egress records and
 * primitive wrappers use, so this module needs no protobuf library (the runtime and the SDK each
 * bring their own, of different versions).
 */
final class ProtoFields {
  private ProtoFields() {}

  /** The length-delimited fields of a message, by field number (the last occurrence wins). */
  static Map<Integer, byte[]> lengthDelimited(byte[] message) {
    Map<Integer, byte[]> fields = new HashMap<>();
    int[] pos = {0};
    while (pos[0] < message.length) {
      long key = varint(message, pos);
      int field = (int) (key >>> 3);
      switch ((int) (key & 7)) {
        case 0 -> varint(message, pos);
        case 1 -> pos[0] += 8;
        case 5 -> pos[0] += 4;
        case 2 -> {
          int length = (int) varint(message, pos);
          if (length < 0 || pos[0] + length > message.length) {
            throw new IllegalArgumentException("Truncated protobuf field " + field);
          }
          byte[] value = new byte[length];
          System.arraycopy(message, pos[0], value, 0, length);
          pos[0] += length;
          fields.put(field, value);
        }
        default -> throw new IllegalArgumentException("Unsupported protobuf wire type in key " + key);
      }
      if (pos[0] > message.length) {
        throw new IllegalArgumentException("Truncated protobuf message");
      }
    }
    return fields;
  }

  static String string(Map<Integer, byte[]> fields, int number) {
    byte[] value = fields.get(number);
    return value == null ? "" : new String(value, StandardCharsets.UTF_8);
  }

  /** A message with one length-delimited field 1 ({@code StringWrapper}); empty for "". */
  static byte[] stringWrapper(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (utf8.length == 0) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length + 6);
    out.write(0x0A);
    long length = utf8.length;
    while (length >= 0x80) {
      out.write((int) (length & 0x7F) | 0x80);
      length >>>= 7;
    }
    out.write((int) length);
    out.writeBytes(utf8);
    return out.toByteArray();
  }

  private static long varint(byte[] bytes, int[] pos) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= bytes.length) {
        throw new IllegalArgumentException("Truncated varint");
      }
      byte b = bytes[pos[0]++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("Malformed varint");
  }
}
