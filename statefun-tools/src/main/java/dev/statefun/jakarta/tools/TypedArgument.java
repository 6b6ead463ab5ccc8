package dev.statefun.jakarta.tools;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.types.Types;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A typed value given on the command line, {@code KIND:VALUE}:
 * {@code string:TEXT}, {@code int:N}, {@code long:N}, {@code float:X}, {@code double:X}, {@code bool:true|false},
 * {@code json:TYPENAME:TEXT} (JSON text under your typename), {@code bytes:TYPENAME:BASE64} (raw bytes).
 *
 * @param typeName the typename sent with the value
 * @param bytes the encoded value
 */
record TypedArgument(TypeName typeName, byte[] bytes) {
  static final String SYNTAX = "string:TEXT, int:N, long:N, float:X, double:X, bool:true|false,"
      + " json:TYPENAME:TEXT or bytes:TYPENAME:BASE64";

  static TypedArgument parse(String argument) {
    int colon = argument.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + argument + "' is no typed value; write one of " + SYNTAX);
    }
    String kind = argument.substring(0, colon);
    String value = argument.substring(colon + 1);
    try {
      return switch (kind) {
        case "string" -> new TypedArgument(Types.STRING.typeName(), Types.STRING.serialize(value));
        case "int" -> new TypedArgument(Types.INT.typeName(), Types.INT.serialize(Integer.parseInt(value)));
        case "long" -> new TypedArgument(Types.LONG.typeName(), Types.LONG.serialize(Long.parseLong(value)));
        case "float" -> new TypedArgument(Types.FLOAT.typeName(), Types.FLOAT.serialize(Float.parseFloat(value)));
        case "double" -> new TypedArgument(Types.DOUBLE.typeName(), Types.DOUBLE.serialize(Double.parseDouble(value)));
        case "bool" -> new TypedArgument(Types.BOOL.typeName(), Types.BOOL.serialize(parseBoolean(value)));
        case "json" -> withTypeName(value, text -> text.getBytes(StandardCharsets.UTF_8));
        case "bytes" -> withTypeName(value, base64 -> Base64.getDecoder().decode(base64));
        default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + argument + "' is no typed value (" + e.getMessage() + "); write one of "
          + SYNTAX, e);
    }
  }

  private static boolean parseBoolean(String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false");
    };
  }

  private static TypedArgument withTypeName(String rest, java.util.function.Function<String, byte[]> decode) {
    // A typename is namespace/name and holds no colon; what follows the first colon is the value.
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("the typename is missing");
    }
    return new TypedArgument(TypeName.parse(rest.substring(0, colon)), decode.apply(rest.substring(colon + 1)));
  }
}
