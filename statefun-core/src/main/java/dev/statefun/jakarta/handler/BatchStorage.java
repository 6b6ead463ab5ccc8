package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.internal.InPlaceDecoder;
import dev.statefun.jakarta.storage.AddressScopedStorage;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The storage that all invocations of one batch share.
 *
 * <p>Semantics (see {@link AddressScopedStorage}): {@code set} serializes the value at once, so a
 * serializer failure surfaces at the {@code set} that caused it and a change made to the object
 * after {@code set} is not stored; {@code get} of a mutable type decodes a fresh copy each time, so
 * a change made to what it returned is not stored either, unless it is {@code set}. Values of the
 * primitive types are immutable: they are decoded once and shared.
 */
final class BatchStorage implements AddressScopedStorage {
  private static final byte UNREAD = 0;
  private static final byte READ = 1;
  private static final byte WRITTEN = 2;
  private static final byte REMOVED = 3;

  private final TypeName functionType;
  private final ValueSpec<?>[] specs;
  private final byte[] buffer;
  // Where each declared value lies in the request; or NO_VALUE: the runtime has the state but no
  // value (registered, but empty); or MISSING: the request does not carry it, the runtime must register it.
  private static final int NO_VALUE = -1;
  private static final int MISSING = -2;
  private final int[] valueOffsets;
  private final int[] valueLengths;
  private final boolean anyMissing;
  private final long bytesRead;
  // Decoded values of immutable (primitive) types; always null for other types.
  private final Object[] values;
  // Encoded values of written cells.
  private final byte[][] written;
  private final byte[] status;
  // The bytes encode() produced: what the reply writes back (for observers).
  private long bytesWritten;

  private BatchStorage(TypeName functionType, ValueSpec<?>[] specs, byte[] buffer, int[] valueOffsets,
      int[] valueLengths, boolean anyMissing, long bytesRead) {
    this.functionType = functionType;
    this.specs = specs;
    this.buffer = buffer;
    this.valueOffsets = valueOffsets;
    this.valueLengths = valueLengths;
    this.anyMissing = anyMissing;
    this.bytesRead = bytesRead;
    this.values = new Object[specs.length];
    this.written = new byte[specs.length][];
    this.status = new byte[specs.length];
  }

  /**
   * Resolves the function's declared states against the values the request carries (the last of a
   * name wins; undeclared ones are ignored): the storage of the batch, which {@link #anyMissing()}
   * when the runtime must register some first.
   *
   * @param namesUtf8 the declared states' names, as UTF-8
   * @param typeNamesUtf8 the declared states' typenames, as UTF-8
   * @throws MalformedRequestException for a value of another typename than declared
   */
  static BatchStorage resolve(TypeName functionType, ValueSpec<?>[] specs, byte[][] namesUtf8,
      byte[][] typeNamesUtf8, BatchRequest request) {
    int declared = specs.length;
    int[] offsets = new int[declared];
    int[] lengths = new int[declared];
    boolean anyMissing = false;
    long bytesRead = 0;
    for (int i = 0; i < declared; i++) {
      int found = request.lastStateNamed(namesUtf8[i]);
      if (found < 0) {
        offsets[i] = MISSING;
        anyMissing = true;
      } else if (!request.stateHasValue(found)) {
        offsets[i] = NO_VALUE;
      } else if (!request.stateTypeIs(found, typeNamesUtf8[i])) {
        throw new MalformedRequestException("State '" + specs[i].name() + "' of " + functionType
            + " arrived with typename '" + request.stateTypeName(found) + "' but the function declares "
            + specs[i].type().typeName() + "; the runtime and the function disagree on the state's type");
      } else {
        offsets[i] = request.stateValueOffset(found);
        lengths[i] = request.stateValueLength(found);
        bytesRead += lengths[i];
      }
    }
    return new BatchStorage(functionType, specs, request.buffer, offsets, lengths, anyMissing, bytesRead);
  }

  /** Whether a declared state is missing from the request: then the batch must not run. */
  boolean anyMissing() {
    return anyMissing;
  }

  /** Whether declared state {@code i} is missing from the request. */
  boolean isMissing(int i) {
    return valueOffsets[i] == MISSING;
  }

  /** The bytes of the state values the request carried for the declared states. */
  long bytesRead() {
    return bytesRead;
  }

  ValueSpec<?> spec(int i) {
    return specs[i];
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(ValueSpec<T> spec) {
    int i = indexOf(spec);
    return switch (status[i]) {
      case REMOVED -> Optional.empty();
      case UNREAD -> {
        if (spec.type() instanceof InPlaceDecoder<?> primitive) {
          status[i] = READ;
          if (valueOffsets[i] != NO_VALUE) {
            values[i] = primitive.decode(buffer, valueOffsets[i], valueLengths[i]);
          }
          yield Optional.ofNullable((T) values[i]);
        }
        yield valueOffsets[i] == NO_VALUE ? Optional.empty()
            : Optional.of(spec.type().deserialize(Arrays.copyOfRange(buffer, valueOffsets[i],
                valueOffsets[i] + valueLengths[i])));
      }
      case READ -> Optional.ofNullable((T) values[i]);
      default -> { // WRITTEN
        if (values[i] != null) {
          yield Optional.of((T) values[i]);
        }
        yield Optional.of(spec.type().deserialize(written[i]));
      }
    };
  }

  @Override
  public <T> void set(ValueSpec<T> spec, T value) {
    int i = indexOf(spec);
    Objects.requireNonNull(value, () -> "Cannot set state '" + spec.name() + "' of " + functionType
        + " to null: call remove(spec) to delete a value");
    byte[] bytes = spec.type().serialize(value);
    if (bytes == null) {
      throw new IllegalStateException("Type " + spec.type().typeName() + " serialized state '" + spec.name()
          + "' of " + functionType + " to null");
    }
    written[i] = bytes;
    values[i] = spec.type() instanceof InPlaceDecoder<?> ? value : null;
    status[i] = WRITTEN;
  }

  @Override
  public void remove(ValueSpec<?> spec) {
    int i = indexOf(spec);
    values[i] = null;
    written[i] = null;
    status[i] = REMOVED;
  }

  /** Whether cell {@code i} was written (set) during the batch. */
  boolean isWritten(int i) {
    return status[i] == WRITTEN;
  }

  /** Whether cell {@code i} was removed during the batch (after any set). */
  boolean isRemoved(int i) {
    return status[i] == REMOVED;
  }

  /** The value of written cell {@code i}, encoded when it was set; counted as written to the reply. */
  byte[] encoded(int i) {
    bytesWritten += written[i].length;
    return written[i];
  }

  long bytesWritten() {
    return bytesWritten;
  }

  int size() {
    return specs.length;
  }

  String specName(int i) {
    return specs[i].name();
  }

  TypeName specTypeName(int i) {
    return specs[i].type().typeName();
  }

  private int indexOf(ValueSpec<?> spec) {
    Objects.requireNonNull(spec, "spec");
    ValueSpec<?>[] declared = specs;
    for (int i = 0; i < declared.length; i++) {
      if (declared[i] == spec) {
        return i;
      }
    }
    for (int i = 0; i < declared.length; i++) {
      if (declared[i].name().equals(spec.name())) {
        if (declared[i].equals(spec)) {
          return i;
        }
        throw new IllegalArgumentException("State '" + spec.name() + "' of function " + functionType
            + " is declared as " + declared[i] + " but was used as " + spec
            + ": use the ValueSpec the function declares");
      }
    }
    throw new IllegalArgumentException("Function " + functionType + " did not declare the state '" + spec.name()
        + "' (" + spec + "): add it to the function's value specs");
  }
}
