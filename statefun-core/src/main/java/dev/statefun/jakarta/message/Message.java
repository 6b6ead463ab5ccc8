package dev.statefun.jakarta.message;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.internal.InPlaceDecoder;
import dev.statefun.jakarta.internal.InternalAccess;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.util.Arrays;
import java.util.Objects;

/**
 * A typed value addressed to a function: what a function receives, and what it sends (build one
 * with {@link MessageBuilder}). Immutable.
 *
 * <p>Read the value with {@link #is}/{@link #as} or the primitive shortcuts; reading it as a type
 * other than its own fails with an {@link IllegalStateException} naming both types.
 */
public final class Message {
  private final Address targetAddress;
  private final TypeName valueTypeName;
  // A view into a larger buffer (the request) for incoming messages: never handed out, never written.
  private final byte[] buffer;
  private final int offset;
  private final int length;

  static {
    InternalAccess.install(new InternalAccess.MessageAccessor() {
      @Override
      public byte[] buffer(Message message) {
        return message.buffer;
      }

      @Override
      public int offset(Message message) {
        return message.offset;
      }

      @Override
      public int length(Message message) {
        return message.length;
      }

      @Override
      public Message wrap(Address target, TypeName valueTypeName, byte[] buffer, int offset, int length) {
        return new Message(target, valueTypeName, buffer, offset, length);
      }
    });
  }

  // Takes the buffer as is: MessageBuilder's own freshly encoded array, or the request through the accessor.
  Message(Address targetAddress, TypeName valueTypeName, byte[] buffer, int offset, int length) {
    this.targetAddress = Objects.requireNonNull(targetAddress, "targetAddress");
    this.valueTypeName = Objects.requireNonNull(valueTypeName, "valueTypeName");
    this.buffer = Objects.requireNonNull(buffer, "value");
    Objects.checkFromIndexSize(offset, length, buffer.length);
    this.offset = offset;
    this.length = length;
  }

  /** A message from already encoded bytes; the array is copied. */
  public static Message ofRaw(Address targetAddress, TypeName valueTypeName, byte[] value) {
    return new Message(targetAddress, valueTypeName, value.clone(), 0, value.length);
  }

  /** The function this message is addressed to. */
  public Address targetAddress() {
    return targetAddress;
  }

  /** The typename of the value. */
  public TypeName valueTypeName() {
    return valueTypeName;
  }

  /** A copy of the encoded value. */
  public byte[] rawValue() {
    return Arrays.copyOfRange(buffer, offset, offset + length);
  }

  /** The encoded value's length, without copying it. */
  public int rawValueLength() {
    return length;
  }

  /** Whether the value has {@code type}'s typename. */
  public boolean is(Type<?> type) {
    return valueTypeName.equals(type.typeName());
  }

  /**
   * Decodes the value as {@code type}.
   *
   * @throws IllegalStateException if the value has another typename
   * @throws IllegalArgumentException if the bytes are not a valid value of the type
   */
  @SuppressWarnings("unchecked") // the primitives are Type<T> and InPlaceDecoder<T> of one T
  public <T> T as(Type<T> type) {
    if (!is(type)) {
      throw new IllegalStateException(
          "Message value has type " + valueTypeName + "; it cannot be read as " + type.typeName());
    }
    if (type instanceof InPlaceDecoder<?> primitive) {
      return (T) primitive.decode(buffer, offset, length);
    }
    return type.deserialize(rawValue());
  }

  public boolean isString() {
    return is(Types.STRING);
  }

  public String asString() {
    return as(Types.STRING);
  }

  public boolean isInt() {
    return is(Types.INT);
  }

  public int asInt() {
    return as(Types.INT);
  }

  public boolean isLong() {
    return is(Types.LONG);
  }

  public long asLong() {
    return as(Types.LONG);
  }

  public boolean isFloat() {
    return is(Types.FLOAT);
  }

  public float asFloat() {
    return as(Types.FLOAT);
  }

  public boolean isDouble() {
    return is(Types.DOUBLE);
  }

  public double asDouble() {
    return as(Types.DOUBLE);
  }

  public boolean isBool() {
    return is(Types.BOOL);
  }

  public boolean asBool() {
    return as(Types.BOOL);
  }

  /** Equal when the target, the value's typename and the value's bytes are (as {@link dev.statefun.jakarta.egress.EgressMessage}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Message other
        && targetAddress.equals(other.targetAddress)
        && valueTypeName.equals(other.valueTypeName)
        && Arrays.equals(buffer, offset, offset + length, other.buffer, other.offset, other.offset + other.length);
  }

  @Override
  public int hashCode() {
    int bytes = 1;
    for (int i = offset, end = offset + length; i < end; i++) {
      bytes = 31 * bytes + buffer[i]; // Arrays.hashCode of the value, without copying it
    }
    return Objects.hash(targetAddress, valueTypeName, bytes);
  }

  @Override
  public String toString() {
    return "Message{to " + targetAddress + ", " + valueTypeName + ", " + length + " bytes}";
  }
}
