package dev.statefun.jakarta.types;

import dev.statefun.jakarta.TypeName;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * JSON through the JSON-B API, as UTF-8. The only use of a Jakarta API in the core, and an optional
 * dependency: the first JSON type created looks up the JSON-B provider.
 */
final class JsonType<T> implements Type<T> {
  private final TypeName typeName;
  /** A {@code Class}, or a generic type such as {@code List<String>}. */
  private final java.lang.reflect.Type javaType;

  JsonType(TypeName typeName, java.lang.reflect.Type javaType) {
    this.typeName = Objects.requireNonNull(typeName, "typeName");
    this.javaType = Objects.requireNonNull(javaType, "javaType");
  }

  /** One shared instance: Jsonb is thread-safe and expensive to create. */
  private static final class Provider {
    static final Jsonb JSONB = JsonbBuilder.create();
  }

  @Override
  public TypeName typeName() {
    return typeName;
  }

  @Override
  public byte[] serialize(T value) {
    Objects.requireNonNull(value, () -> "a " + typeName + " value must not be null");
    // A class: the value's own class, so that a subclass's fields are written too; a generic type: as declared.
    String json = javaType instanceof Class<?> ? Provider.JSONB.toJson(value) : Provider.JSONB.toJson(value, javaType);
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  @SuppressWarnings("unchecked") // the type was given as T's own
  public T deserialize(byte[] bytes) {
    try {
      return (T) Provider.JSONB.fromJson(new String(bytes, StandardCharsets.UTF_8), javaType);
    } catch (JsonbException e) {
      throw new IllegalArgumentException("Bytes are not a valid " + typeName + " JSON value: " + e.getMessage(), e);
    }
  }

  /** Two JSON types are equal when they carry the same typename and Java type, however built. */
  @Override
  public boolean equals(Object o) {
    return o instanceof JsonType<?> other && typeName.equals(other.typeName) && javaType.equals(other.javaType);
  }

  @Override
  public int hashCode() {
    return 31 * typeName.hashCode() + javaType.hashCode();
  }

  @Override
  public String toString() {
    return "JsonType{" + typeName + " as " + javaType.getTypeName() + "}";
  }
}
