package dev.statefun.jakarta;

import dev.statefun.jakarta.types.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A persisted value that a function declares up front: a name unique within the function, a type,
 * and an optional expiration.
 *
 * <p><b>Name rule</b>: an ASCII identifier, {@code [A-Za-z_][A-Za-z0-9_]*}, at most 200 characters.
 * It is the same rule as the Go SDK's and a name every other SDK accepts too, so a function can be
 * rewritten in another language and keep its state. Other names are rejected here, at declaration.
 *
 * @param name the state name
 * @param type how values are encoded, and the typename the runtime records
 * @param expiration when the runtime may delete the value
 * @param <T> the value's Java type
 */
public record ValueSpec<T>(String name, Type<T> type, Expiration expiration) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,199}");

  public ValueSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type of value spec '" + name + "'");
    Objects.requireNonNull(expiration, "expiration of value spec '" + name + "'");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid value spec name '" + name + "': use an ASCII identifier [A-Za-z_][A-Za-z0-9_]* of at"
              + " most 200 characters, e.g. seen_count");
    }
  }

  /** A value that never expires. */
  public static <T> ValueSpec<T> of(String name, Type<T> type) {
    return new ValueSpec<>(name, type, Expiration.none());
  }

  /** A copy of this spec whose value expires {@code duration} after it was last written. */
  public ValueSpec<T> expireAfterWrite(Duration duration) {
    return new ValueSpec<>(name, type, Expiration.afterWrite(duration));
  }

  /** A copy of this spec whose value expires {@code duration} after the function was last called. */
  public ValueSpec<T> expireAfterCall(Duration duration) {
    return new ValueSpec<>(name, type, Expiration.afterCall(duration));
  }

  @Override
  public String toString() {
    return "ValueSpec{" + name + ": " + type.typeName() + ", " + expiration + "}";
  }
}
