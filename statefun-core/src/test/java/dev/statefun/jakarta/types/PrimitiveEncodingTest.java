package dev.statefun.jakarta.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.statefun.jakarta.internal.protocol.BooleanWrapper;
import dev.statefun.jakarta.internal.protocol.DoubleWrapper;
import dev.statefun.jakarta.internal.protocol.FloatWrapper;
import dev.statefun.jakarta.internal.protocol.IntWrapper;
import dev.statefun.jakarta.internal.protocol.LongWrapper;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Our primitive encodings must be byte-identical to the protobuf wrapper messages, both ways. */
class PrimitiveEncodingTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(20261124);

  /** The wrapper's bytes with an unknown field appended, which any protobuf reader must skip. */
  private static byte[] withUnknownField(MessageLite wrapper) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wrapper.writeTo(out);
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.writeString(15, "unknown");
    cos.writeFixed64(9, 42);
    cos.flush();
    return out.toByteArray();
  }

  private static <T> void assertSame(Type<T> type, T value, MessageLite wrapper) throws IOException {
    byte[] expected = wrapper.toByteArray();
    assertArrayEquals(expected, type.serialize(value), () -> "encoding of " + value);
    assertEquals(value, type.deserialize(expected), () -> "decoding of " + value);
    assertEquals(value, type.deserialize(withUnknownField(wrapper)), () -> "decoding with unknown field of " + value);
  }

  @Test
  void typeNames() {
    assertEquals("io.statefun.types/bool", Types.BOOL.typeName().canonical());
    assertEquals("io.statefun.types/int", Types.INT.typeName().canonical());
    assertEquals("io.statefun.types/long", Types.LONG.typeName().canonical());
    assertEquals("io.statefun.types/float", Types.FLOAT.typeName().canonical());
    assertEquals("io.statefun.types/double", Types.DOUBLE.typeName().canonical());
    assertEquals("io.statefun.types/string", Types.STRING.typeName().canonical());
  }

  @Test
  void booleans() throws IOException {
    for (boolean b : new boolean[] {true, false}) {
      assertSame(Types.BOOL, b, BooleanWrapper.newBuilder().setValue(b).build());
    }
    assertArrayEquals(new byte[] {0x08, 0x01}, Types.BOOL.serialize(true));
    assertArrayEquals(new byte[0], Types.BOOL.serialize(false));
  }

  @Test
  void ints() throws IOException {
    List<Integer> values = new ArrayList<>(List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 127, 128, -128, 65536));
    for (int i = 0; i < 20_000; i++) {
      values.add(RANDOM.nextInt());
    }
    for (int v : values) {
      assertSame(Types.INT, v, IntWrapper.newBuilder().setValue(v).build());
    }
    assertArrayEquals(new byte[] {0x0D, 1, 0, 0, 0}, Types.INT.serialize(1));
  }

  @Test
  void longs() throws IOException {
    List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE));
    for (int i = 0; i < 20_000; i++) {
      values.add(RANDOM.nextLong());
    }
    for (long v : values) {
      assertSame(Types.LONG, v, LongWrapper.newBuilder().setValue(v).build());
    }
  }

  @Test
  void floats() throws IOException {
    List<Float> values = new ArrayList<>(List.of(0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL,
        Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0x00000fff)));
    for (int i = 0; i < 20_000; i++) {
      values.add(Float.intBitsToFloat(RANDOM.nextInt()));
    }
    for (float v : values) {
      byte[] expected = FloatWrapper.newBuilder().setValue(v).build().toByteArray();
      assertArrayEquals(expected, Types.FLOAT.serialize(v), () -> "encoding of bits " + Float.floatToRawIntBits(v));
      assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(Types.FLOAT.deserialize(expected)));
      assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(
          Types.FLOAT.deserialize(withUnknownField(FloatWrapper.newBuilder().setValue(v).build()))));
    }
  }

  @Test
  void doubles() throws IOException {
    List<Double> values = new ArrayList<>(List.of(0d, -0d, 1d, -1d, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL,
        Double.longBitsToDouble(0x7ff8000000000001L), Double.longBitsToDouble(0xfffL)));
    for (int i = 0; i < 20_000; i++) {
      values.add(Double.longBitsToDouble(RANDOM.nextLong()));
    }
    for (double v : values) {
      byte[] expected = DoubleWrapper.newBuilder().setValue(v).build().toByteArray();
      assertArrayEquals(expected, Types.DOUBLE.serialize(v), () -> "encoding of bits " + Double.doubleToRawLongBits(v));
      assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Types.DOUBLE.deserialize(expected)));
      assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(
          Types.DOUBLE.deserialize(withUnknownField(DoubleWrapper.newBuilder().setValue(v).build()))));
    }
  }

  @Test
  void strings() throws IOException {
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      longText.appendCodePoint(0x20 + (i % 0x2000));
    }
    List<String> values = new ArrayList<>(List.of("", "a", "hello world", "héllo", "日本語", "😀 emoji 𝄞 clef",
        "\u0000nul", "\uFFFD replacement char", "x".repeat(127), "y".repeat(128), "z".repeat(16384), longText.toString()));
    for (int i = 0; i < 2_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = RANDOM.nextInt(40);
      for (int j = 0; j < length; j++) {
        int codePoint;
        do {
          codePoint = RANDOM.nextInt(0x110000);
        } while (codePoint >= 0xD800 && codePoint <= 0xDFFF);
        s.appendCodePoint(codePoint);
      }
      values.add(s.toString());
    }
    for (String v : values) {
      assertSame(Types.STRING, v, StringWrapper.newBuilder().setValue(v).build());
    }
  }

  @Test
  void invalidBytesAreRejectedClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Types.INT.deserialize(new byte[] {0x0D, 1, 2}));
    assertEquals(true, e.getMessage().contains("io.statefun.types/int"));
    assertThrows(IllegalArgumentException.class, () -> Types.STRING.deserialize(new byte[] {0x0A, 2, (byte) 0xC3, 0x28}));
    assertThrows(IllegalArgumentException.class, () -> Types.LONG.deserialize(new byte[] {0x09}));
    assertThrows(IllegalArgumentException.class, () -> Types.BOOL.deserialize(new byte[] {0x08}));
  }

  @Test
  void nullValuesAreRejected() {
    assertThrows(NullPointerException.class, () -> Types.STRING.serialize(null));
    assertThrows(NullPointerException.class, () -> Types.INT.serialize(null));
  }
}
