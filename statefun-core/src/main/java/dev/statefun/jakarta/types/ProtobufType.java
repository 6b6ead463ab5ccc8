package dev.statefun.jakarta.types;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.statefun.jakarta.TypeName;
import java.util.Objects;

/** A protobuf message, typename {@code type.googleapis.com/<full message name>}. */
final class ProtobufType<M extends com.google.protobuf.Message> implements Type<M> {
  private final TypeName typeName;
  private final Parser<M> parser;
  private final Class<?> messageClass;

  @SuppressWarnings("unchecked")
  ProtobufType(M defaultInstance) {
    Objects.requireNonNull(defaultInstance, "defaultInstance");
    this.typeName = TypeName.of("type.googleapis.com", defaultInstance.getDescriptorForType().getFullName());
    this.parser = (Parser<M>) defaultInstance.getParserForType();
    this.messageClass = defaultInstance.getClass();
  }

  @Override
  public TypeName typeName() {
    return typeName;
  }

  @Override
  public byte[] serialize(M value) {
    return Objects.requireNonNull(value, () -> "a " + typeName + " value must not be null").toByteArray();
  }

  @Override
  public M deserialize(byte[] bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Bytes are not a valid " + typeName + " message: " + e.getMessage(), e);
    }
  }

  /** Two protobuf types are equal when they carry the same message class, however built. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ProtobufType<?> other && typeName.equals(other.typeName) && messageClass == other.messageClass;
  }

  @Override
  public int hashCode() {
    return 31 * typeName.hashCode() + messageClass.hashCode();
  }

  @Override
  public String toString() {
    return "ProtobufType{" + typeName + "}";
  }
}
