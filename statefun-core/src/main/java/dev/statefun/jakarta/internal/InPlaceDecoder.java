package dev.statefun.jakarta.internal;

/**
 * A value type whose values are immutable and decode straight from a range of a larger buffer (the
 * request), so that the handler and {@code Message} neither copy the bytes nor decode a value twice:
 * the six primitives. Implementations only read the range. Not an API: this package is internal and
 * may change in any release.
 *
 * @param <T> the Java type
 */
public interface InPlaceDecoder<T> {
  /** Decodes {@code length} bytes of {@code buffer} from {@code offset}, without copying or changing them. */
  T decode(byte[] buffer, int offset, int length);
}
