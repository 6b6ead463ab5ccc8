package dev.statefun.jakarta.e2e.driver;

import java.util.Base64;
import java.util.Objects;

/**
 * A typed value for a function, fed through the runtime's ingress.
 *
 * @param targetType the function type, {@code namespace/name}
 * @param id the function id
 * @param typeName the value's typename, e.g. {@code io.statefun.types/string}
 * @param value the value's bytes as the function receives them
 */
public record IngressMessage(String targetType, String id, String typeName, byte[] value) {
  public IngressMessage {
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(value, "value");
    int slash = targetType.indexOf('/');
    if (slash <= 0 || slash == targetType.length() - 1) {
      throw new IllegalArgumentException("targetType must be namespace/name: " + targetType);
    }
    for (String field : new String[] {targetType, id, typeName}) {
      if (field.indexOf('\t') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("Tabs and line breaks are not allowed in a type or id: " + field);
      }
    }
    value = value.clone();
  }

  /** An {@code io.statefun.types/string} message. */
  public static IngressMessage ofString(String targetType, String id, String text) {
    return new IngressMessage(targetType, id, EgressRecord.STRING_TYPE, ProtoFields.stringWrapper(text));
  }

  /** The messages file line (without the line break). */
  String toLine() {
    return targetType + '\t' + id + '\t' + typeName + '\t' + Base64.getEncoder().encodeToString(value);
  }
}
