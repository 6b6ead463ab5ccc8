package dev.statefun.jakarta.types;

import dev.statefun.jakarta.internal.InPlaceDecoder;
import dev.statefun.jakarta.internal.WireReader;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.internal.protocol.BooleanWrapper;
import dev.statefun.jakarta.internal.protocol.DoubleWrapper;
import dev.statefun.jakarta.internal.protocol.FloatWrapper;
import dev.statefun.jakarta.internal.protocol.IntWrapper;
import dev.statefun.jakarta.internal.protocol.LongWrapper;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The six cross-language primitives. Each is encoded exactly as its protobuf wrapper message
 * ({@code IntWrapper{sfixed32 value = 1}} and so on), written by hand: the common shapes are
 * decoded straight from the bytes, anything else (unknown fields, repeated fields) goes through the
 * generated wrapper parser so that what protobuf accepts we accept too. Reached only through
 * {@link Types}; {@code Message} and the handler decode them in place, as {@link InPlaceDecoder}s.
 */
abstract sealed class PrimitiveType<T> implements Type<T>, InPlaceDecoder<T> {
  private static final String NAMESPACE = "io.statefun.types";
  private static final byte[] EMPTY = new byte[0];
  // The one tag of each wrapper's value field, from the generated field numbers (each fits one byte).
  private static final byte BOOL_TAG = (byte) WireReader.tag(BooleanWrapper.VALUE_FIELD_NUMBER, WireReader.VARINT);
  private static final byte INT_TAG = (byte) WireReader.tag(IntWrapper.VALUE_FIELD_NUMBER, WireReader.FIXED32);
  private static final byte LONG_TAG = (byte) WireReader.tag(LongWrapper.VALUE_FIELD_NUMBER, WireReader.FIXED64);
  private static final byte FLOAT_TAG = (byte) WireReader.tag(FloatWrapper.VALUE_FIELD_NUMBER, WireReader.FIXED32);
  private static final byte DOUBLE_TAG = (byte) WireReader.tag(DoubleWrapper.VALUE_FIELD_NUMBER, WireReader.FIXED64);
  private static final byte STRING_TAG =
      (byte) WireReader.tag(StringWrapper.VALUE_FIELD_NUMBER, WireReader.LENGTH_DELIMITED);

  static final PrimitiveType<Boolean> BOOL = new BoolType();
  static final PrimitiveType<Integer> INT = new IntType();
  static final PrimitiveType<Long> LONG = new LongType();
  static final PrimitiveType<Float> FLOAT = new FloatType();
  static final PrimitiveType<Double> DOUBLE = new DoubleType();
  static final PrimitiveType<String> STRING = new StringType();

  private final TypeName typeName;

  private PrimitiveType(String name) {
    this.typeName = TypeName.of(NAMESPACE, name);
  }

  @Override
  public final TypeName typeName() {
    return typeName;
  }

  @Override
  public final byte[] serialize(T value) {
    return encode(Objects.requireNonNull(value, () -> "a " + typeName + " value must not be null"));
  }

  @Override
  public final T deserialize(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  abstract byte[] encode(T value);

  @Override
  public String toString() {
    return "Type{" + typeName + "}";
  }

  static IllegalArgumentException invalid(TypeName typeName, Exception cause) {
    return new IllegalArgumentException("Bytes are not a valid " + typeName + " value: " + cause.getMessage(), cause);
  }

  private static int intLE(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
  }

  private static long longLE(byte[] b, int i) {
    return (intLE(b, i) & 0xffffffffL) | ((long) intLE(b, i + 4)) << 32;
  }

  private static byte[] fixed32(byte tag, int bits) {
    return new byte[] {tag, (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
  }

  private static byte[] fixed64(byte tag, long bits) {
    byte[] out = new byte[9];
    out[0] = tag;
    for (int i = 0; i < 8; i++) {
      out[i + 1] = (byte) (bits >>> (8 * i));
    }
    return out;
  }

  private static final class BoolType extends PrimitiveType<Boolean> {
    private static final byte[] TRUE = {BOOL_TAG, 0x01};

    BoolType() {
      super("bool");
    }

    @Override
    public Boolean decode(byte[] b, int off, int len) {
      if (len == 0) {
        return Boolean.FALSE;
      }
      if (len == 2 && b[off] == BOOL_TAG && (b[off + 1] == 0 || b[off + 1] == 1)) {
        return b[off + 1] == 1;
      }
      try {
        return BooleanWrapper.parseFrom(java.nio.ByteBuffer.wrap(b, off, len)).getValue();
      } catch (InvalidProtocolBufferException e) {
        throw invalid(typeName(), e);
      }
    }

    @Override
    byte[] encode(Boolean value) {
      return value ? TRUE.clone() : EMPTY;
    }
  }

  private static final class IntType extends PrimitiveType<Integer> {
    IntType() {
      super("int");
    }

    @Override
    public Integer decode(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (len == 5 && b[off] == INT_TAG) {
        return intLE(b, off + 1);
      }
      try {
        return IntWrapper.parseFrom(java.nio.ByteBuffer.wrap(b, off, len)).getValue();
      } catch (InvalidProtocolBufferException e) {
        throw invalid(typeName(), e);
      }
    }

    @Override
    byte[] encode(Integer value) {
      return value == 0 ? EMPTY : fixed32(INT_TAG, value);
    }
  }

  private static final class LongType extends PrimitiveType<Long> {
    LongType() {
      super("long");
    }

    @Override
    public Long decode(byte[] b, int off, int len) {
      if (len == 0) {
        return 0L;
      }
      if (len == 9 && b[off] == LONG_TAG) {
        return longLE(b, off + 1);
      }
      try {
        return LongWrapper.parseFrom(java.nio.ByteBuffer.wrap(b, off, len)).getValue();
      } catch (InvalidProtocolBufferException e) {
        throw invalid(typeName(), e);
      }
    }

    @Override
    byte[] encode(Long value) {
      return value == 0L ? EMPTY : fixed64(LONG_TAG, value);
    }
  }

  private static final class FloatType extends PrimitiveType<Float> {
    FloatType() {
      super("float");
    }

    @Override
    public Float decode(byte[] b, int off, int len) {
      if (len == 0) {
        return 0f;
      }
      if (len == 5 && b[off] == FLOAT_TAG) {
        return Float.intBitsToFloat(intLE(b, off + 1));
      }
      try {
        return FloatWrapper.parseFrom(java.nio.ByteBuffer.wrap(b, off, len)).getValue();
      } catch (InvalidProtocolBufferException e) {
        throw invalid(typeName(), e);
      }
    }

    @Override
    byte[] encode(Float value) {
      // Raw bits, as protobuf does: -0.0 and every NaN payload are written, only +0.0 is omitted.
      int bits = Float.floatToRawIntBits(value);
      return bits == 0 ? EMPTY : fixed32(FLOAT_TAG, bits);
    }
  }

  private static final class DoubleType extends PrimitiveType<Double> {
    DoubleType() {
      super("double");
    }

    @Override
    public Double decode(byte[] b, int off, int len) {
      if (len == 0) {
        return 0d;
      }
      if (len == 9 && b[off] == DOUBLE_TAG) {
        return Double.longBitsToDouble(longLE(b, off + 1));
      }
      try {
        return DoubleWrapper.parseFrom(java.nio.ByteBuffer.wrap(b, off, len)).getValue();
      } catch (InvalidProtocolBufferException e) {
        throw invalid(typeName(), e);
      }
    }

    @Override
    byte[] encode(Double value) {
      long bits = Double.doubleToRawLongBits(value);
      return bits == 0L ? EMPTY : fixed64(DOUBLE_TAG, bits);
    }
  }

  private static final class StringType extends PrimitiveType<String> {
    StringType() {
      super("string");
    }

    @Override
    public String decode(byte[] b, int off, int len) {
      if (len == 0) {
        return "";
      }
      if (b[off] == STRING_TAG) {
        // One length-delimited field filling the whole input: the shape every SDK writes.
        int pos = off + 1;
        int end = off + len;
        int size = 0;
        int shift = 0;
        while (pos < end && shift < 35) {
          byte x = b[pos++];
          size |= (x & 0x7f) << shift;
          if (x >= 0) {
            if (size >= 0 && pos + size == end) {
              String s = new String(b, pos, size, StandardCharsets.UTF_8);
              // new String replaces malformed UTF-8 silently; protobuf rejects it, and so do we.
              if (s.indexOf('\uFFFD') < 0) {
                return s;
              }
            }
            break;
          }
          shift += 7;
        }
      }
      try {
        return StringWrapper.parseFrom(java.nio.ByteBuffer.wrap(b, off, len)).getValue();
      } catch (InvalidProtocolBufferException e) {
        throw invalid(typeName(), e);
      }
    }

    @Override
    byte[] encode(String value) {
      if (value.isEmpty()) {
        return EMPTY;
      }
      byte[] out = new byte[CodedOutputStream.computeStringSize(StringWrapper.VALUE_FIELD_NUMBER, value)];
      CodedOutputStream cos = CodedOutputStream.newInstance(out);
      try {
        cos.writeString(StringWrapper.VALUE_FIELD_NUMBER, value);
        cos.checkNoSpaceLeft();
      } catch (IOException e) {
        throw new IllegalStateException("sized buffer overflowed", e);
      }
      return out;
    }
  }
}
