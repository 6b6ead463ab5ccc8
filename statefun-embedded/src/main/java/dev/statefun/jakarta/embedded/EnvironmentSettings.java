package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.http.EndpointLimits;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded server's settings as read through MicroProfile Config ({@link ServerSettings}): how it
 * listens, where health and metrics answer, and whether the OpenTelemetry SDK is on.
 *
 * @param openTelemetrySdk {@value #SDK_DISABLED}{@code =false} (or {@code OTEL_SDK_DISABLED=false}):
 *     the OpenTelemetry SDK is on, as MicroProfile Telemetry turns it on on a server
 */
record EnvironmentSettings(EmbeddedServerConfig server, OperationsConfig operations, boolean openTelemetrySdk) {
  static final String SDK_DISABLED = "otel.sdk.disabled";
  /** MicroProfile Config's ordinals of system properties and environment variables. */
  private static final int SYSTEM_PROPERTIES = 400;
  private static final int ENVIRONMENT = 300;

  /** System properties, then environment variables, then {@code META-INF/microprofile-config.properties}. */
  static EnvironmentSettings fromEnvironment() {
    return read(new SmallRyeConfigBuilder().addDefaultSources());
  }

  /** These properties, then these environment variables: for tests, and for the defaults (both empty). */
  static EnvironmentSettings of(Map<String, String> properties, Map<String, String> environment) {
    return read(new SmallRyeConfigBuilder().withSources(
        new PropertiesConfigSource(properties, "properties", SYSTEM_PROPERTIES),
        new EnvConfigSource(environment, ENVIRONMENT)));
  }

  private static EnvironmentSettings read(SmallRyeConfigBuilder sources) {
    SmallRyeConfig config = sources.addDefaultInterceptors()
        .withMapping(ServerSettings.class)
        // Other statefun.* properties (a test's, a tool's) share the prefix: not every one is ours.
        .withValidateUnknown(false)
        .build();
    ServerSettings settings = config.getConfigMapping(ServerSettings.class);
    EmbeddedServerConfig server = new EmbeddedServerConfig(settings.host(), settings.port(), settings.path(),
        limits(settings), settings.requestTimeout(), settings.shutdownTimeout(), settings.threads(), tls(settings.tls()),
        settings.maxInFlightBodyBytes(), settings.blockingFunctions());
    OperationsConfig operations = new OperationsConfig(OperationsConfig.path(settings.health().path()),
        OperationsConfig.path(settings.metrics().path()));
    boolean sdk = !config.getOptionalValue(SDK_DISABLED, Boolean.class).orElse(true);
    return new EnvironmentSettings(server, operations, sdk);
  }

  private static EndpointLimits limits(ServerSettings settings) {
    return new EndpointLimits(settings.maxBodyBytes(), settings.maxBatchSize());
  }

  /** Plain HTTP when no TLS setting is given; HTTPS (and client certificates) when they make sense together. */
  private static Optional<TlsConfig> tls(ServerSettings.Tls tls) {
    Optional<String> keyStore = tls.keystore().map(String::trim).filter(s -> !s.isEmpty());
    Optional<String> trustStore = tls.truststore().map(String::trim).filter(s -> !s.isEmpty());
    if (keyStore.isEmpty()) {
      if (trustStore.isPresent()) {
        throw new IllegalArgumentException(TlsConfig.TRUSTSTORE + " is set but " + TlsConfig.KEYSTORE + " is not:"
            + " client certificates need HTTPS, so set " + TlsConfig.KEYSTORE + " (and "
            + TlsConfig.KEYSTORE_PASSWORD + ") to the server's PKCS12 key store");
      }
      if (tls.keystorePassword().isPresent() || tls.truststorePassword().isPresent()) {
        throw new IllegalArgumentException("A TLS password is set but " + TlsConfig.KEYSTORE + " is not: set "
            + TlsConfig.KEYSTORE + " to the server's PKCS12 key store for HTTPS, or remove the password for"
            + " plain HTTP");
      }
      return Optional.empty();
    }
    if (tls.keystorePassword().isEmpty()) {
      throw new IllegalArgumentException(TlsConfig.KEYSTORE + " is set but " + TlsConfig.KEYSTORE_PASSWORD
          + " is not: set it (or STATEFUN_TLS_KEYSTORE_PASSWORD) to the key store's password");
    }
    return Optional.of(new TlsConfig(Path.of(keyStore.get()), tls.keystorePassword().get(), trustStore.map(Path::of),
        tls.truststorePassword()));
  }
}
