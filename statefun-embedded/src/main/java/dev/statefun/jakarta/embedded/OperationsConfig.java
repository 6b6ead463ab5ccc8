package dev.statefun.jakarta.embedded;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the embedded server answers health probes and Prometheus scrapes, on its own port; either
 * can be turned off. {@link #fromEnvironment()} reads a system property, else the environment
 * variable, else the default; the value {@code off} turns the path off.
 *
 * @param healthPath {@code <path>/live} and {@code <path>/ready} (default {@code /health})
 * @param metricsPath the Prometheus text format (default {@code /metrics})
 */
public record OperationsConfig(Optional<String> healthPath, Optional<String> metricsPath) {
  /** {@code statefun.health.path} / {@code STATEFUN_HEALTH_PATH}. */
  public static final String HEALTH_PATH = "statefun.health.path";
  /** {@code statefun.metrics.path} / {@code STATEFUN_METRICS_PATH}. */
  public static final String METRICS_PATH = "statefun.metrics.path";
  /** The value that turns a path off. */
  public static final String OFF = "off";

  public static final OperationsConfig DEFAULTS = new OperationsConfig(Optional.of("/health"), Optional.of("/metrics"));

  public OperationsConfig {
    healthPath = Objects.requireNonNull(healthPath, "healthPath").map(p -> normalize(HEALTH_PATH, p));
    metricsPath = Objects.requireNonNull(metricsPath, "metricsPath").map(p -> normalize(METRICS_PATH, p));
  }

  /** Neither health nor metrics. */
  public static OperationsConfig off() {
    return new OperationsConfig(Optional.empty(), Optional.empty());
  }

  /** Settings from system properties, else environment variables, else defaults. */
  public static OperationsConfig fromEnvironment() {
    return from(System.getProperties()::get, System.getenv());
  }

  static OperationsConfig from(Function<String, Object> properties, Map<String, String> environment) {
    return new OperationsConfig(path(properties, environment, HEALTH_PATH, DEFAULTS.healthPath()),
        path(properties, environment, METRICS_PATH, DEFAULTS.metricsPath()));
  }

  /** Fails when a path would hide the StateFun endpoint or the other path. */
  void checkAgainst(String endpointPath) {
    for (Optional<String> path : java.util.List.of(healthPath, metricsPath)) {
      if (path.filter(endpointPath::equals).isPresent()) {
        throw new IllegalArgumentException("The health or metrics path " + path.get() + " is the StateFun endpoint's"
            + " path: set " + HEALTH_PATH + " / " + METRICS_PATH + " to another path, or to " + OFF);
      }
    }
    if (healthPath.isPresent() && healthPath.equals(metricsPath)) {
      throw new IllegalArgumentException(HEALTH_PATH + " and " + METRICS_PATH + " are both " + healthPath.get()
          + ": give them different paths");
    }
  }

  private static Optional<String> path(Function<String, Object> properties, Map<String, String> environment,
      String name, Optional<String> fallback) {
    Object value = properties.apply(name);
    if (value == null) {
      value = environment.get(name.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    if (value == null) {
      return fallback;
    }
    String text = value.toString().trim();
    return text.equalsIgnoreCase(OFF) ? Optional.empty() : Optional.of(text);
  }

  private static String normalize(String name, String path) {
    String trimmed = path.trim();
    if (trimmed.isEmpty() || trimmed.equals("/")) {
      throw new IllegalArgumentException(name + " must be a path such as /health, or " + OFF + ", not '" + path + "'");
    }
    String withSlash = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    return withSlash.endsWith("/") ? withSlash.substring(0, withSlash.length() - 1) : withSlash;
  }
}
