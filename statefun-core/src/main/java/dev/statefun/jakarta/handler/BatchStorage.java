package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.storage.AddressScopedStorage;
import dev.statefun.jakarta.types.PrimitiveType;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The storage that all invocations of one batch share. Values are decoded on first read and
 * encoded once, when the batch ends, so a batch of 100 writes to one cell costs one encoding.
 */
final class BatchStorage implements AddressScopedStorage {
  private static final byte UNREAD = 0;
  private static final byte READ = 1;
  private static final byte WRITTEN = 2;
  private static final byte REMOVED = 3;

  private final TypeName functionType;
  private final ValueSpec<?>[] specs;
  private final byte[] buffer;
  // Where each declared value lies in the request; offset -1 = present but empty.
  private final int[] valueOffsets;
  private final int[] valueLengths;
  private final Object[] values;
  private final byte[] status;
  // The bytes encode() produced: what the reply writes back (for observers).
  private long bytesWritten;

  BatchStorage(TypeName functionType, ValueSpec<?>[] specs, byte[] buffer, int[] valueOffsets, int[] valueLengths) {
    this.functionType = functionType;
    this.specs = specs;
    this.buffer = buffer;
    this.valueOffsets = valueOffsets;
    this.valueLengths = valueLengths;
    this.values = new Object[specs.length];
    this.status = new byte[specs.length];
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(ValueSpec<T> spec) {
    int i = indexOf(spec);
    switch (status[i]) {
      case UNREAD -> {
        status[i] = READ;
        if (valueOffsets[i] >= 0) {
          values[i] = decode(spec, valueOffsets[i], valueLengths[i]);
        }
        return Optional.ofNullable((T) values[i]);
      }
      case REMOVED -> {
        return Optional.empty();
      }
      default -> {
        return Optional.ofNullable((T) values[i]);
      }
    }
  }

  @Override
  public <T> void set(ValueSpec<T> spec, T value) {
    int i = indexOf(spec);
    Objects.requireNonNull(value, () -> "Cannot set state '" + spec.name() + "' of " + functionType
        + " to null: call remove(spec) to delete a value");
    values[i] = value;
    status[i] = WRITTEN;
  }

  @Override
  public void remove(ValueSpec<?> spec) {
    int i = indexOf(spec);
    values[i] = null;
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

  /** Encodes the value of written cell {@code i}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  byte[] encode(int i) {
    ValueSpec spec = specs[i];
    byte[] bytes = spec.type().serialize(values[i]);
    if (bytes == null) {
      throw new IllegalStateException("Type " + spec.type().typeName() + " serialized state '" + spec.name() + "' to null");
    }
    bytesWritten += bytes.length;
    return bytes;
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

  private <T> T decode(ValueSpec<T> spec, int offset, int length) {
    if (spec.type() instanceof PrimitiveType<T> primitive) {
      return primitive.decode(buffer, offset, length);
    }
    return spec.type().deserialize(Arrays.copyOfRange(buffer, offset, offset + length));
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
