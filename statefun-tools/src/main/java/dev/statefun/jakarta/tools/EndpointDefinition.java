package dev.statefun.jakarta.tools;

import dev.statefun.jakarta.TypeName;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The runtime's side of an application: one {@code io.statefun.endpoints.v2/http} document per function namespace
 * ({@code namespace/*}), all pointing at the one URL that serves every function, on the async transport.
 *
 * @param url where the runtime sends requests ({@code urlPathTemplate})
 * @param timeouts the transport's timeouts by name ({@code call}, {@code connect}, {@code read}, {@code write});
 *     only those given are written, the runtime's defaults apply to the rest
 */
public record EndpointDefinition(URI url, Map<String, Duration> timeouts) {
  /** The timeouts the StateFun async transport knows. */
  public static final java.util.List<String> TIMEOUTS = java.util.List.of("call", "connect", "read", "write");

  /**
   * Checks and copies the parts.
   *
   * @param url where the runtime sends requests
   * @param timeouts the transport's timeouts by name
   */
  public EndpointDefinition {
    Objects.requireNonNull(url, "url");
    timeouts.forEach((name, value) -> {
      if (!TIMEOUTS.contains(name)) {
        throw new IllegalArgumentException("unknown timeout '" + name + "'; the transport knows " + TIMEOUTS);
      }
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the " + name + " timeout must be positive: " + value);
      }
    });
    Map<String, Duration> ordered = new LinkedHashMap<>();
    for (String name : TIMEOUTS) {
      Optional.ofNullable(timeouts.get(name)).ifPresent(value -> ordered.put(name, value));
    }
    timeouts = java.util.Collections.unmodifiableMap(ordered);
  }

  /**
   * The YAML documents for these function types, separated by {@code ---}, in namespace order.
   *
   * @param functionTypes the function types the endpoint serves
   * @return the YAML text, ending with a line break
   */
  public String toYaml(Collection<TypeName> functionTypes) {
    if (functionTypes.isEmpty()) {
      throw new IllegalArgumentException("the application serves no functions: nothing to define");
    }
    TreeSet<String> namespaces = new TreeSet<>();
    functionTypes.forEach(type -> namespaces.add(type.namespace()));
    StringBuilder yaml = new StringBuilder();
    for (String namespace : namespaces) {
      if (yaml.length() > 0) {
        yaml.append("---\n");
      }
      yaml.append("kind: io.statefun.endpoints.v2/http\n")
          .append("spec:\n")
          .append("  functions: ").append(namespace).append("/*\n")
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
