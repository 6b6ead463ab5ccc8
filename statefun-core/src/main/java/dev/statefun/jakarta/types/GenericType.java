package dev.statefun.jakarta.types;

import java.lang.reflect.ParameterizedType;

/**
 * A generic Java type for {@link Types#json(String, GenericType)}, captured from an anonymous subclass, so that a
 * {@code List<String>} or {@code Map<String, Long>} value needs no wrapper class:
 *
 * <pre>{@code
 * static final ValueSpec<List<String>> NAMES =
 *     ValueSpec.of("names", Types.json("com.example/Names", new GenericType<List<String>>() {}));
 * }</pre>
 *
 * @param <T> the Java type
 */
public abstract class GenericType<T> {
  private final java.lang.reflect.Type type;

  /** Captures {@code T} from the subclass's declaration. */
  protected GenericType() {
    java.lang.reflect.Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized) || parameterized.getRawType() != GenericType.class) {
      throw new IllegalStateException("Create a GenericType as an anonymous subclass with its type argument, e.g."
          + " new GenericType<List<String>>() {}");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  /** The captured type, e.g. {@code java.util.List<java.lang.String>}. */
  public java.lang.reflect.Type type() {
    return type;
  }

  @Override
  public String toString() {
    return "GenericType{" + type.getTypeName() + "}";
  }
}
