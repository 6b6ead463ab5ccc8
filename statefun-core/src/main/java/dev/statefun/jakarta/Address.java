package dev.statefun.jakarta;

import java.util.Objects;

/**
 * The identity of one function instance: its function type and an id unique within that type.
 *
 * @param type the function type
 * @param id the instance id; any string, including non-ASCII text
 */
public record Address(TypeName type, String id) {
  public Address {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }

  public static Address of(TypeName type, String id) {
    return new Address(type, id);
  }

  public static Address of(String type, String id) {
    return new Address(TypeName.parse(type), id);
  }

  @Override
  public String toString() {
    return type.canonical() + "/" + id;
  }
}
