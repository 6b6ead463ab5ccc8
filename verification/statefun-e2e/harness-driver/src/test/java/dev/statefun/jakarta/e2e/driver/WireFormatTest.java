package dev.statefun.jakarta.e2e.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void stringWrapperRoundTrip() {
    for (String text : new String[] {"", "a", "Hello Alice, 5", "é".repeat(200)}) {
      EgressRecord record = new EgressRecord("x/y", EgressRecord.STRING_TYPE, ProtoFields.stringWrapper(text));
      assertEquals(text, record.stringValue());
    }
  }

  @Test
  void stringWrapperMatchesTheProtocolEncoding() {
    // 0A (field 1, length-delimited), length 2, "hi"
    assertArrayEquals(new byte[] {0x0A, 2, 'h', 'i'}, ProtoFields.stringWrapper("hi"));
    assertArrayEquals(new byte[0], ProtoFields.stringWrapper(""));
    byte[] long300 = ProtoFields.stringWrapper("x".repeat(300));
    assertArrayEquals(new byte[] {0x0A, (byte) 0xAC, 0x02}, java.util.Arrays.copyOf(long300, 3));
  }

  @Test
  void kafkaRecordFields() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, 1, "alice");
    field(out, 2, "Hello Alice");
    field(out, 3, "greetings");
    EgressRecord.KafkaRecord record =
        new EgressRecord("com.example/greets", EgressRecord.KAFKA_TYPE, out.toByteArray()).kafkaRecord();
    assertEquals("greetings", record.topic());
    assertEquals("alice", record.key());
    assertEquals("Hello Alice", record.valueAsUtf8());
  }

  @Test
  void kinesisRecordSkipsOtherWireTypes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x28); // field 5, varint: unknown, skipped
    out.write(0x96);
    out.write(0x01);
    field(out, 3, "stream");
    field(out, 1, "pk");
    field(out, 2, "v");
    EgressRecord.KinesisRecord record =
        new EgressRecord("e/k", EgressRecord.KINESIS_TYPE, out.toByteArray()).kinesisRecord();
    assertEquals("stream", record.stream());
    assertEquals("pk", record.partitionKey());
    assertEquals("", record.explicitHashKey());
    assertEquals("v", record.valueAsUtf8());
  }

  @Test
  void wrongTypeAndTruncatedInputAreClearErrors() {
    EgressRecord notString = new EgressRecord("e/x", "io.statefun.types/int", new byte[] {0x0D, 1, 0, 0, 0});
    assertThrows(IllegalStateException.class, notString::stringValue);
    EgressRecord truncated = new EgressRecord("e/x", EgressRecord.STRING_TYPE, new byte[] {0x0A, 5, 'a'});
    assertThrows(IllegalArgumentException.class, truncated::stringValue);
  }

  @Test
  void ingressLinesAreValidated() {
    assertEquals("ns/f\tid\tio.statefun.types/string\tCgJoaQ==",
        IngressMessage.ofString("ns/f", "id", "hi").toLine());
    assertThrows(IllegalArgumentException.class, () -> IngressMessage.ofString("nonamespace", "id", "x"));
    assertThrows(IllegalArgumentException.class, () -> IngressMessage.ofString("ns/f", "a\tb", "x"));
    assertThrows(IllegalArgumentException.class, () -> IngressMessage.ofString("ns/f", "a\nb", "x"));
  }

  private static void field(ByteArrayOutputStream out, int number, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.write(number << 3 | 2);
    out.write(bytes.length);
    out.writeBytes(bytes);
  }
}
