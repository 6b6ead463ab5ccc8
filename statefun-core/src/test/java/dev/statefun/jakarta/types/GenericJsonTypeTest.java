package dev.statefun.jakarta.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.TypeName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericJsonTypeTest {
  @Test
  void aListOfStringsNeedsNoWrapper() {
    Type<List<String>> names = Types.json("com.example/Names", new GenericType<List<String>>() {});
    byte[] bytes = names.serialize(List.of("ann", "bob"));
    assertEquals("[\"ann\",\"bob\"]", new String(bytes, StandardCharsets.UTF_8));
    List<String> back = names.deserialize(bytes);
    assertEquals(List.of("ann", "bob"), back);
    assertEquals(String.class, back.get(0).getClass());
  }

  @Test
  void aMapOfLongsKeepsItsValueType() {
    Type<Map<String, Long>> counts = Types.json("com.example/Counts", new GenericType<Map<String, Long>>() {});
    Map<String, Long> back = counts.deserialize("{\"a\":1,\"b\":9000000000}".getBytes(StandardCharsets.UTF_8));
    assertEquals(Map.of("a", 1L, "b", 9_000_000_000L), back);
    // Bound to Long, not to the BigDecimal JSON-B picks for an untyped number.
    assertEquals(Long.class, back.get("a").getClass());
    assertEquals("{\"a\":1}", new String(counts.serialize(Map.of("a", 1L)), StandardCharsets.UTF_8));
  }

  @Test
  void aReflectTypeAndAGenericTypeOfTheSameTypeAreEqual() throws Exception {
    java.lang.reflect.Type fromField = Holder.class.getDeclaredField("names").getGenericType();
    Type<List<String>> viaReflect = Types.json(TypeName.parse("com.example/Names"), fromField);
    Type<List<String>> viaToken = Types.json("com.example/Names", new GenericType<List<String>>() {});
    assertEquals(viaToken, viaReflect);
    assertEquals(viaToken.hashCode(), viaReflect.hashCode());
    assertNotEquals(viaToken, Types.json("com.example/Names", new GenericType<List<Integer>>() {}));
  }

  @Test
  void aGenericTypeWithoutItsArgumentIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class, Raw::new);
    assertEquals(true, e.getMessage().contains("new GenericType<List<String>>() {}"), e.getMessage());
  }

  static final class Holder {
    List<String> names;
  }

  @SuppressWarnings("rawtypes")
  static final class Raw extends GenericType {}
}
