package dev.statefun.jakarta.tools;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and JSON text as JSON, and tells JSON text from other text: all the
 * invoke command's output needs.
 */
final class Json {
  private Json() {}

  /**
   * JSON text written as it is, not as a string.
   *
   * @param text a JSON object or array, checked by {@link #isObjectOrArray}
   */
  record Raw(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** Whether {@code text} is one JSON object or array (surrounding white space allowed). */
  static boolean isObjectOrArray(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return false;
    }
    Checker checker = new Checker(trimmed);
    return checker.value() && checker.atEnd();
  }

  /** A recursive-descent check of the JSON grammar (RFC 8259); depth-bounded so deep input cannot overflow. */
  private static final class Checker {
    private static final int MAX_DEPTH = 512;
    private final String s;
    private int i;
    private int depth;

    Checker(String s) {
      this.s = s;
    }

    boolean atEnd() {
      space();
      return i == s.length();
    }

    boolean value() {
      space();
      if (i >= s.length()) {
        return false;
      }
      char c = s.charAt(i);
      return switch (c) {
        case '{' -> container('}', true);
        case '[' -> container(']', false);
        case '"' -> string();
        case 't' -> literal("true");
        case 'f' -> literal("false");
        case 'n' -> literal("null");
        default -> number();
      };
    }

    private boolean container(char close, boolean object) {
      if (++depth > MAX_DEPTH) {
        return false;
      }
      i++;
      space();
      if (i < s.length() && s.charAt(i) == close) {
        i++;
        depth--;
        return true;
      }
      while (true) {
        if (object) {
          space();
          if (i >= s.length() || s.charAt(i) != '"' || !string()) {
            return false;
          }
          space();
          if (i >= s.length() || s.charAt(i++) != ':') {
            return false;
          }
        }
        if (!value()) {
          return false;
        }
        space();
        if (i >= s.length()) {
          return false;
        }
        char c = s.charAt(i++);
        if (c == close) {
          depth--;
          return true;
        }
        if (c != ',') {
          return false;
        }
      }
    }

    private boolean string() {
      i++;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') {
          return true;
        }
        if (c < 0x20) {
          return false;
        }
        if (c == '\\') {
          if (i >= s.length()) {
            return false;
          }
          char e = s.charAt(i++);
          if (e == 'u') {
            if (i + 4 > s.length() || !s.substring(i, i + 4).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
              return false;
            }
            i += 4;
          } else if ("\"\\/bfnrt".indexOf(e) < 0) {
            return false;
          }
        }
      }
      return false;
    }

    private boolean literal(String word) {
      if (s.startsWith(word, i)) {
        i += word.length();
        return true;
      }
      return false;
    }

    private boolean number() {
      int start = i;
      if (i < s.length() && s.charAt(i) == '-') {
        i++;
      }
      if (i < s.length() && s.charAt(i) == '0') {
        i++;
      } else if (!digits()) {
        return false;
      }
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        if (!digits()) {
          return false;
        }
      }
      if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
        i++;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
          i++;
        }
        if (!digits()) {
          return false;
        }
      }
      return i > start;
    }

    private boolean digits() {
      int start = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      return i > start;
    }

    private void space() {
      while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Raw raw) {
      out.append(raw.text().strip());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        string(String.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
        if (entries.hasNext()) {
          out.append(',');
        }
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Number number) {
      double d = number.doubleValue();
      // JSON has no NaN or infinities: those go out as strings.
      if (Double.isFinite(d)) {
        out.append(number);
      } else {
        string(number.toString(), out);
      }
    } else {
      string(value.toString(), out);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
