package dev.statefun.jakarta.storage;

import dev.statefun.jakarta.ValueSpec;
import java.util.Optional;

/**
 * The values stored for the invoked address. Only specs the function declared may be used; a spec
 * that was not declared, or was declared with another type or expiration, fails with an
 * {@link IllegalArgumentException} naming the spec.
 */
public interface AddressScopedStorage {

  /** The stored value; empty when there is none (which is not the same as a zero value). */
  <T> Optional<T> get(ValueSpec<T> spec);

  /**
   * Stores a value. {@code null} is rejected: use {@link #remove}.
   *
   * @throws NullPointerException if value is null
   */
  <T> void set(ValueSpec<T> spec, T value);

  /** Deletes the value; after this, {@link #get} returns empty. */
  void remove(ValueSpec<?> spec);
}
