package dev.statefun.jakarta.types;

import dev.statefun.jakarta.TypeName;

/**
 * How values of one Java type travel in messages and state: a typename that every SDK agrees on,
 * and the bytes. Implement it for a custom format, or take one from {@link Types}.
 *
 * @param <T> the Java type
 */
public interface Type<T> {

  /** The typename written next to every value of this type. */
  TypeName typeName();

  /** Encodes a non-null value. */
  byte[] serialize(T value);

  /**
   * Decodes bytes written by {@link #serialize}; zero-length input is a legal encoding (the zero
   * value of the primitives). Throw {@link IllegalArgumentException} for bytes that are not a value.
   */
  T deserialize(byte[] bytes);
}
