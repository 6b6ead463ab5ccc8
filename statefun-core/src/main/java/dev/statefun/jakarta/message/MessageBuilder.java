package dev.statefun.jakarta.message;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.util.Objects;

/**
 * Builds an outgoing {@link Message}:
 * {@code MessageBuilder.forAddress(inbox, name).withValue("Hello").build()}.
 */
public final class MessageBuilder {
  private final Address target;
  private TypeName typeName;
  private byte[] value;

  private MessageBuilder(Address target) {
    this.target = Objects.requireNonNull(target, "target address");
  }

  public static MessageBuilder forAddress(Address target) {
    return new MessageBuilder(target);
  }

  public static MessageBuilder forAddress(TypeName functionType, String id) {
    return new MessageBuilder(new Address(functionType, id));
  }

  public MessageBuilder withValue(String value) {
    return withCustomType(Types.STRING, value);
  }

  public MessageBuilder withValue(int value) {
    return withCustomType(Types.INT, value);
  }

  public MessageBuilder withValue(long value) {
    return withCustomType(Types.LONG, value);
  }

  public MessageBuilder withValue(float value) {
    return withCustomType(Types.FLOAT, value);
  }

  public MessageBuilder withValue(double value) {
    return withCustomType(Types.DOUBLE, value);
  }

  public MessageBuilder withValue(boolean value) {
    return withCustomType(Types.BOOL, value);
  }

  /** A value of any type: JSON, protobuf, custom or primitive. */
  public <T> MessageBuilder withCustomType(Type<T> type, T value) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "message value");
    this.typeName = type.typeName();
    this.value = type.serialize(value);
    return this;
  }

  public Message build() {
    if (value == null) {
      throw new IllegalStateException("A message to " + target + " needs a value: call withValue first");
    }
    // The array is the type's fresh encoding, which nobody else holds: not copied.
    return new Message(target, typeName, value, 0, value.length);
  }
}
