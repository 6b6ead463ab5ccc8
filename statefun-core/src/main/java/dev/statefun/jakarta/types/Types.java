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
   * A JSON type through the JSON-B API, as UTF-8 text. Needs JSON-B at run time: an application server has it;
   * elsewhere (the embedded server brings it), and in tests, add {@code jakarta.json.bind:jakarta.json.bind-api} and
   * {@code org.eclipse:yasson}.
   *
   * @param typeName the typename other functions and the runtime see
   * @param javaType the class the JSON text binds to
   * @param <T> the Java type
   * @return the type
   * @throws JsonBindingMissingException if the JSON-B API or its implementation is missing, naming what to add
   */
  public static <T> Type<T> json(TypeName typeName, Class<T> javaType) {
    return jsonOf(typeName, javaType);
  }

  /** {@link #json(TypeName, Class)} with the typename as text, {@code namespace/name}. */
  public static <T> Type<T> json(String typeName, Class<T> javaType) {
    return json(TypeName.parse(typeName), javaType);
  }

  /**
   * A JSON type of a generic Java type, e.g. {@code Types.json("com.example/Names", new GenericType<List<String>>()
   * {})}: a list or map state needs no wrapper class.
   *
   * @param typeName the typename other functions and the runtime see
   * @param javaType the Java type, captured
   * @param <T> the Java type
   * @return the type
   * @throws JsonBindingMissingException if the JSON-B API or its implementation is missing, naming what to add
   */
  public static <T> Type<T> json(TypeName typeName, GenericType<T> javaType) {
    return jsonOf(typeName, Objects.requireNonNull(javaType, "javaType").type());
  }

  /** {@link #json(TypeName, GenericType)} with the typename as text, {@code namespace/name}. */
  public static <T> Type<T> json(String typeName, GenericType<T> javaType) {
    return json(TypeName.parse(typeName), javaType);
  }

  /**
   * A JSON type of any Java type ({@code java.lang.reflect.Type}), e.g. one read from a field or method signature;
   * {@code T} is not checked against it.
   *
   * @param typeName the typename other functions and the runtime see
   * @param javaType the Java type
   * @param <T> the Java type
   * @return the type
   * @throws JsonBindingMissingException if the JSON-B API or its implementation is missing, naming what to add
   */
  public static <T> Type<T> json(TypeName typeName, java.lang.reflect.Type javaType) {
    return jsonOf(typeName, javaType);
  }

  private static <T> Type<T> jsonOf(TypeName typeName, java.lang.reflect.Type javaType) {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(javaType, "javaType");
    JsonSupport.require(typeName);
    return new JsonType<>(typeName, javaType);
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
