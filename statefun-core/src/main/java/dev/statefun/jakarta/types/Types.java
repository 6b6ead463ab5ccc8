package dev.statefun.jakarta.types;

import dev.statefun.jakarta.TypeName;
import java.util.Objects;
import java.util.function.Function;

/** The built-in types: the six cross-language primitives, JSON, protobuf and custom types. */
public final class Types {
  private Types() {}

  /** {@code io.statefun.types/bool}. */
  public static final Type<Boolean> BOOL = PrimitiveType.BOOL;
  /** {@code io.statefun.types/int}: a 32-bit signed integer. */
  public static final Type<Integer> INT = PrimitiveType.INT;
  /** {@code io.statefun.types/long}: a 64-bit signed integer. */
  public static final Type<Long> LONG = PrimitiveType.LONG;
  /** {@code io.statefun.types/float}. */
  public static final Type<Float> FLOAT = PrimitiveType.FLOAT;
  /** {@code io.statefun.types/double}. */
  public static final Type<Double> DOUBLE = PrimitiveType.DOUBLE;
  /** {@code io.statefun.types/string}: UTF-8 text. */
  public static final Type<String> STRING = PrimitiveType.STRING;

  /**
   * A JSON type through the JSON-B API. Needs a JSON-B implementation at run time (an application
   * server has one; elsewhere add Yasson).
   */
  public static <T> Type<T> json(TypeName typeName, Class<T> javaType) {
    return new JsonType<>(typeName, javaType);
  }

  public static <T> Type<T> json(String typeName, Class<T> javaType) {
    return json(TypeName.parse(typeName), javaType);
  }

  /**
   * A protobuf message type, with the conventional typename
   * {@code type.googleapis.com/<full message name>}.
   */
  public static <M extends com.google.protobuf.Message> Type<M> protobuf(M defaultInstance) {
    return new ProtobufType<>(defaultInstance);
  }

  /** A custom type from a pair of functions. */
  public static <T> Type<T> custom(
      TypeName typeName, Function<? super T, byte[]> serializer, Function<byte[], ? extends T> deserializer) {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(serializer, "serializer");
    Objects.requireNonNull(deserializer, "deserializer");
    return new Type<>() {
      @Override
      public TypeName typeName() {
        return typeName;
      }

      @Override
      public byte[] serialize(T value) {
        return serializer.apply(value);
      }

      @Override
      public T deserialize(byte[] bytes) {
        return deserializer.apply(bytes);
      }

      @Override
      public String toString() {
        return "Type{" + typeName + "}";
      }
    };
  }
}
