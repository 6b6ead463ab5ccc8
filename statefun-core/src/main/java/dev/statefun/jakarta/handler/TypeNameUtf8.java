package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.TypeName;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UTF-8 forms of a typename, as replies write them. Encoded once per typename and kept: an
 * application writes a handful of typenames in every reply, and encoding them per reply costs more
 * than the rest of an invocation's reply together.
 */
record TypeNameUtf8(byte[] namespace, byte[] name, byte[] canonical) {
  // Typenames are identifiers fixed in code, so few; the bound only keeps a flood of distinct ones from
  // growing the map without end (past it they are encoded per use).
  private static final int MAX_KEPT = 4096;
  private static final ConcurrentHashMap<TypeName, TypeNameUtf8> KEPT = new ConcurrentHashMap<>();

  static TypeNameUtf8 of(TypeName typeName) {
    TypeNameUtf8 utf8 = KEPT.get(typeName);
    if (utf8 != null) {
      return utf8;
    }
    utf8 = new TypeNameUtf8(typeName.namespace().getBytes(StandardCharsets.UTF_8),
        typeName.name().getBytes(StandardCharsets.UTF_8), typeName.canonical().getBytes(StandardCharsets.UTF_8));
    if (KEPT.size() < MAX_KEPT) {
      KEPT.putIfAbsent(typeName, utf8);
    }
    return utf8;
  }
}
