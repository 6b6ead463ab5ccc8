package dev.statefun.jakarta.storage;

import dev.statefun.jakarta.ValueSpec;
import java.util.Optional;

/**
 * The values stored for the invoked address. Only specs the function declared may be used; a spec
 * that was not declared, or was declared with another type or expiration, fails with an
 * {@link IllegalArgumentException} naming the spec.
 *
 * <p><b>Values are copied, not shared.</b> {@link #set} serializes the value when it is called (as
 * the official Java SDK does for mutable types): a serializer failure is thrown by that {@code set},
 * and a change made to the object afterwards is not stored. {@link #get} of a mutable type (JSON,
 * protobuf, your own) returns a fresh copy each time: a change made to it is stored only by calling
 * {@code set} with it. Values of the primitive types in {@code Types} are immutable and shared. So a
 * read-modify-write is always {@code get}, change, {@code set}, and what the runtime stores at the
 * end of the batch is exactly what the last {@code set} was given at the time it was called.
 */
public interface AddressScopedStorage {

  /**
   * The stored value, a copy of it for a mutable type; empty when there is none (which is not the
   * same as a zero value).
   */
  <T> Optional<T> get(ValueSpec<T> spec);

  /**
   * Stores a copy of the value: it is serialized now. {@code null} is rejected: use {@link #remove}.
   *
   * @throws NullPointerException if value is null
   * @throws RuntimeException whatever the spec's type throws when it serializes the value
   */
  <T> void set(ValueSpec<T> spec, T value);

  /** Deletes the value; after this, {@link #get} returns empty. */
  void remove(ValueSpec<?> spec);
}
