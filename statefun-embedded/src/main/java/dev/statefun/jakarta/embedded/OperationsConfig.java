package dev.statefun.jakarta.embedded;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the embedded server answers health probes and Prometheus scrapes, on its own port; either
 * can be turned off. {@link #fromEnvironment()} reads them through MicroProfile Config as
 * {@link EmbeddedServerConfig#fromEnvironment()} does; the value {@code off} turns the path off.
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

  /** The defaults of {@link ServerSettings}, where every setting is described. */
  public static final OperationsConfig DEFAULTS = EnvironmentSettings.of(Map.of(), Map.of()).operations();

  public OperationsConfig {
    healthPath = Objects.requireNonNull(healthPath, "healthPath").map(p -> normalize(HEALTH_PATH, p));
    metricsPath = Objects.requireNonNull(metricsPath, "metricsPath").map(p -> normalize(METRICS_PATH, p));
  }

  /** Neither health nor metrics. */
  public static OperationsConfig off() {
    return new OperationsConfig(Optional.empty(), Optional.empty());
  }

  /** The settings from system properties, else environment variables, else defaults. */
  public static OperationsConfig fromEnvironment() {
    return EnvironmentSettings.fromEnvironment().operations();
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

  /** A setting's value as a path, or empty for {@value #OFF}. */
  static Optional<String> path(String value) {
    String text = value.trim();
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
