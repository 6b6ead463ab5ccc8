package dev.statefun.jakarta.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtherTypesTest {
  public static class User {
    public String name;
    public int visits;

    public User() {}

    User(String name, int visits) {
      this.name = name;
      this.visits = visits;
    }
  }

  @Test
  void jsonThroughJsonB() {
    Type<User> type = Types.json("com.example/User", User.class);
    assertEquals("com.example/User", type.typeName().canonical());
    byte[] bytes = type.serialize(new User("Zoë", 3));
    assertEquals("{\"name\":\"Zoë\",\"visits\":3}", new String(bytes, StandardCharsets.UTF_8));
    User back = type.deserialize(bytes);
    assertEquals("Zoë", back.name);
    assertEquals(3, back.visits);
    assertThrows(IllegalArgumentException.class, () -> type.deserialize("{not json".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void protobufMessages() {
    Type<KafkaProducerRecord> type = Types.protobuf(KafkaProducerRecord.getDefaultInstance());
    assertEquals("type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord", type.typeName().canonical());
    KafkaProducerRecord record = KafkaProducerRecord.newBuilder().setTopic("t").setKey("k").build();
    assertArrayEquals(record.toByteArray(), type.serialize(record));
    assertEquals(record, type.deserialize(record.toByteArray()));
    assertThrows(IllegalArgumentException.class, () -> type.deserialize(new byte[] {(byte) 0xff}));
  }

  @Test
  void customTypes() {
    Type<StringBuilder> type = Types.custom(TypeName.parse("com.example/sb"),
        sb -> sb.toString().getBytes(StandardCharsets.UTF_8),
        bytes -> new StringBuilder(new String(bytes, StandardCharsets.UTF_8)));
    assertEquals("abc", type.deserialize(type.serialize(new StringBuilder("abc"))).toString());
    assertEquals("com.example/sb", type.typeName().toString());
  }
}
