package dev.statefun.jakarta.e2e.runner;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Parses the messages file format: one message per line,
 * {@code targetType<TAB>id<TAB>typeName<TAB>base64(value)}; blank lines and lines starting with
 * {@code #} are skipped.
 */
final class FeedLines {
  private FeedLines() {}

  /** The message on this line, or null for a blank or comment line. */
  static FeedMessage parse(String line, long lineNumber) {
    if (line.isBlank() || line.startsWith("#")) {
      return null;
    }
    String[] fields = line.split("\t", -1);
    if (fields.length != 4) {
      throw new IllegalArgumentException(
          "Messages file line " + lineNumber + " has " + fields.length + " tab-separated fields, expected 4"
              + " (targetType, id, typeName, base64 value): " + line);
    }
    if (fields[0].indexOf('/') <= 0 || fields[0].endsWith("/")) {
      throw new IllegalArgumentException(
          "Messages file line " + lineNumber + ": target type '" + fields[0] + "' is not namespace/name");
    }
    byte[] value;
    try {
      value = Base64.getDecoder().decode(fields[3].getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Messages file line " + lineNumber + ": the value is not base64", e);
    }
    return new FeedMessage(fields[0], fields[1], fields[2], value);
  }
}
