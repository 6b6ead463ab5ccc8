package dev.statefun.jakarta;

import java.util.Objects;

/**
 * A logical name of the form {@code namespace/name} that identifies a function type, an egress or a
 * value type across every StateFun SDK.
 *
 * <p>The canonical string is split at its <em>last</em> {@code /}, so namespaces may contain slashes
 * ({@code type.googleapis.com/pkg.Msg} has namespace {@code type.googleapis.com}). Both parts must be
 * non-empty.
 */
public final class TypeName {
  private final String namespace;
  private final String name;
  private final String canonical;

  private TypeName(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
    this.canonical = namespace + "/" + name;
  }

  /** Parses {@code namespace/name}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static TypeName parse(String typeName) {
    Objects.requireNonNull(typeName, "typeName");
    int slash = typeName.lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "Invalid type name '" + typeName + "': expected <namespace>/<name>, e.g. com.example.fns/greeter");
    }
    return of(typeName.substring(0, slash), typeName.substring(slash + 1));
  }

  /** Builds a type name from its two parts; the name part must not contain {@code /}. */
  public static TypeName of(String namespace, String name) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (namespace.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid type name '" + namespace + "/" + name + "': namespace and name must both be non-empty");
    }
    if (name.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          "Invalid type name part '" + name + "': the name must not contain '/'");
    }
    return new TypeName(namespace, name);
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The canonical form {@code namespace/name}. */
  public String canonical() {
    return canonical;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypeName other && canonical.equals(other.canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  @Override
  public String toString() {
    return canonical;
  }
}
