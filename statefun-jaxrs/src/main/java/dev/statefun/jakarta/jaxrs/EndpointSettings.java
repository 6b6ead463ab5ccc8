package dev.statefun.jakarta.jaxrs;

import dev.statefun.jakarta.http.EndpointLimits;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The endpoint's settings, {@value EndpointLimits#MAX_BODY_BYTES} and {@value EndpointLimits#MAX_BATCH_SIZE}:
 * each from the server's MicroProfile Config where the server has one (WildFly, Payara, Open Liberty
 * with mpConfig, Quarkus: system properties, {@code STATEFUN_MAX_BODY_BYTES}, the application's
 * {@code META-INF/microprofile-config.properties}), else from the JAX-RS application's properties
 * (servers without MicroProfile, such as GlassFish), else the default.
 */
final class EndpointSettings {
  private static final String MICROPROFILE_CONFIG = "org.eclipse.microprofile.config.ConfigProvider";

  private EndpointSettings() {}

  /**
   * The limits for an application with these properties.
   *
   * @throws IllegalArgumentException naming the setting whose value is not a valid number or limit
   */
  static EndpointLimits read(Function<String, Object> applicationProperties) {
    long body = setting(EndpointLimits.MAX_BODY_BYTES, applicationProperties)
        .orElse(EndpointLimits.DEFAULT_MAX_BODY_BYTES);
    long batch = setting(EndpointLimits.MAX_BATCH_SIZE, applicationProperties)
        .orElse((long) EndpointLimits.DEFAULT_MAX_BATCH_SIZE);
    return new EndpointLimits(body, (int) Math.min(batch, Integer.MAX_VALUE));
  }

  private static Optional<Long> setting(String name, Function<String, Object> applicationProperties) {
    Optional<Long> configured = microProfileConfigPresent() ? MicroProfile.value(name) : Optional.empty();
    return configured.isPresent() ? configured : applicationProperty(name, applicationProperties.apply(name));
  }

  private static Optional<Long> applicationProperty(String name, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Number number) {
      return Optional.of(number.longValue());
    }
    try {
      return Optional.of(Long.parseLong(value.toString().trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
    }
  }

  private static boolean microProfileConfigPresent() {
    try {
      Class.forName(MICROPROFILE_CONFIG, false, EndpointSettings.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Touches MicroProfile Config's classes only once they are known to be there. */
  private static final class MicroProfile {
    static Optional<Long> value(String name) {
      org.eclipse.microprofile.config.Config config;
      try {
        config = ConfigProvider.getConfig();
      } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
        return Optional.empty(); // the API without an implementation
      }
      try {
        return config.getOptionalValue(name, Long.class);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " must be a whole number: " + e.getMessage(), e);
      }
    }
  }
}
