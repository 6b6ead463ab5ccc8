package dev.statefun.jakarta.testing;

import dev.statefun.jakarta.TypeName;

/** What a batch did to one stored value, as the runtime is told. */
public sealed interface StateChange {

  /**
   * The value was set (the last write of the batch).
   *
   * @param typeName the typename sent with the value
   * @param value the encoded value
   */
  record Modified(TypeName typeName, byte[] value) implements StateChange {
    public Modified {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }
  }

  /** The value was removed. */
  record Deleted() implements StateChange {}
}
