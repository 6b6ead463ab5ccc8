package dev.statefun.jakarta.tools;

import dev.statefun.jakarta.TypeName;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The runtime's side of an application: {@code io.statefun.endpoints.v2/http} documents, all pointing at the one URL
 * that serves every function, on StateFun's default (async) transport. By default one document per function namespace
 * ({@code namespace/*}); with {@link Match#EXACT_TYPES} one per function type, so that functions of a namespace served
 * elsewhere are not routed here.
 *
 * @param url where the runtime sends requests ({@code urlPathTemplate})
 * @param timeouts the transport's timeouts by name ({@code call}, {@code connect}); only those given are written, the
 *     runtime's defaults apply to the rest (call 2m, connect 20s)
 * @param match which function types each document names
 */
public record EndpointDefinition(URI url, Map<String, Duration> timeouts, Match match) {
  /**
   * The timeouts StateFun 3.3's async transport ({@code io.statefun.transports.v1/async}) reads. Its spec has no
   * other timeout: a {@code read} or {@code write} there would be ignored without a word, so they are refused.
   */
  public static final List<String> TIMEOUTS = List.of("call", "connect");

  /** What the {@code functions} key of each document names. */
  public enum Match {
    /** {@code namespace/*}: one document per namespace; every function type of the namespace is routed here. */
    NAMESPACES,
    /** {@code namespace/name}: one document per function type served, nothing else routed here. */
    EXACT_TYPES
  }

  /**
   * Checks and copies the parts.
   *
   * @param url where the runtime sends requests
   * @param timeouts the transport's timeouts by name
   * @param match which function types each document names
   */
  public EndpointDefinition {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(match, "match");
    timeouts.forEach((name, value) -> {
      if (!TIMEOUTS.contains(name)) {
        throw new IllegalArgumentException(unknownTimeout(name));
      }
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the " + name + " timeout must be positive: " + value);
      }
    });
    Map<String, Duration> ordered = new LinkedHashMap<>();
    for (String name : TIMEOUTS) {
      Optional.ofNullable(timeouts.get(name)).ifPresent(value -> ordered.put(name, value));
    }
    timeouts = Collections.unmodifiableMap(ordered);
  }

  /**
   * One document per function namespace.
   *
   * @param url where the runtime sends requests
   * @param timeouts the transport's timeouts by name
   */
  public EndpointDefinition(URI url, Map<String, Duration> timeouts) {
    this(url, timeouts, Match.NAMESPACES);
  }

  private static String unknownTimeout(String name) {
    if (name.equals("read") || name.equals("write")) {
      return "the '" + name + "' timeout is not read by StateFun 3.3's async transport (io.statefun.transports.v1/async),"
          + " which this command writes; it knows only " + TIMEOUTS + " (the call timeout bounds the whole call)";
    }
    return "unknown timeout '" + name + "'; the async transport knows " + TIMEOUTS;
  }

  /**
   * The YAML documents for these function types, separated by {@code ---}, in type order.
   *
   * @param functionTypes the function types the endpoint serves
   * @return the YAML text, ending with a line break
   */
  public String toYaml(Collection<TypeName> functionTypes) {
    if (functionTypes.isEmpty()) {
      throw new IllegalArgumentException("the application serves no functions: nothing to define");
    }
    TreeSet<String> patterns = new TreeSet<>();
    functionTypes.forEach(type -> patterns.add(
        match == Match.EXACT_TYPES ? type.canonical() : type.namespace() + "/*"));
    StringBuilder yaml = new StringBuilder();
    for (String pattern : patterns) {
      if (yaml.length() > 0) {
        yaml.append("---\n");
      }
      yaml.append("kind: io.statefun.endpoints.v2/http\n")
          .append("spec:\n")
          .append("  functions: ").append(pattern).append('\n')
          .append("  urlPathTemplate: ").append(url).append('\n')
          .append("  transport:\n")
          .append("    type: io.statefun.transports.v1/async\n");
      if (!timeouts.isEmpty()) {
        yaml.append("    timeouts:\n");
        timeouts.forEach((name, value) -> yaml.append("      ").append(name).append(": ").append(format(value))
            .append('\n'));
      }
    }
    return yaml.toString();
  }

  /** The runtime reads durations as a number and a unit: the largest unit that keeps the number whole. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (!duration.equals(Duration.ofMillis(millis))) {
      throw new IllegalArgumentException("timeouts are whole milliseconds: " + duration);
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
