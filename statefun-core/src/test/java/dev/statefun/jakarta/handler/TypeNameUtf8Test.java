package dev.statefun.jakarta.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.statefun.jakarta.TypeName;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The UTF-8 forms replies write for a typename: its parts and canonical form, encoded once. */
class TypeNameUtf8Test {

  @Test
  void encodesEachFormAsUtf8() {
    TypeNameUtf8 utf8 = TypeNameUtf8.of(TypeName.of("tëst.ns/sub", "grüße"));
    assertArrayEquals("tëst.ns/sub".getBytes(StandardCharsets.UTF_8), utf8.namespace());
    assertArrayEquals("grüße".getBytes(StandardCharsets.UTF_8), utf8.name());
    assertArrayEquals("tëst.ns/sub/grüße".getBytes(StandardCharsets.UTF_8), utf8.canonical());
  }

  @Test
  void encodesATypenameOnceForEqualInstances() {
    TypeNameUtf8 first = TypeNameUtf8.of(TypeName.parse("test.once/kept"));
    assertSame(first, TypeNameUtf8.of(TypeName.parse("test.once/kept")));
  }
}
