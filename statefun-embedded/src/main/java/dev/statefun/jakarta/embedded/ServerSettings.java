package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.http.EndpointLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code statefun.*} setting of the embedded server, with its default: the one description that
 * {@link EmbeddedServerConfig}, {@link OperationsConfig} and {@link TlsConfig} are read from. SmallRye
 * Config (MicroProfile Config) maps it from system properties, then environment variables
 * ({@code statefun.max-body-bytes} or {@code STATEFUN_MAX_BODY_BYTES}), then
 * {@code META-INF/microprofile-config.properties}; a value it cannot convert fails the start naming the
 * setting. Method names map to kebab-case: {@code maxBodyBytes()} is {@code statefun.max-body-bytes}.
 */
@ConfigMapping(prefix = "statefun")
interface ServerSettings {
  @WithDefault("127.0.0.1")
  String host();

  /** 0 picks a free port. */
  @WithDefault("8000")
  int port();

  @WithDefault("/statefun")
  String path();

  @WithDefault("" + EndpointLimits.DEFAULT_MAX_BODY_BYTES)
  long maxBodyBytes();

  @WithDefault("" + EndpointLimits.DEFAULT_MAX_BATCH_SIZE)
  int maxBatchSize();

  @WithDefault("30s")
  @WithConverter(DurationSetting.class)
  Duration requestTimeout();

  @WithDefault("10s")
  @WithConverter(DurationSetting.class)
  Duration shutdownTimeout();

  @WithDefault("64")
  int threads();

  /** 0: a share of the heap. */
  @WithDefault("0")
  long maxInFlightBodyBytes();

  @WithDefault("false")
  @WithConverter(BooleanSetting.class)
  boolean blockingFunctions();

  Tls tls();

  Health health();

  Metrics metrics();

  /** {@code statefun.tls.*}: none set means plain HTTP. */
  interface Tls {
    Optional<String> keystore();

    Optional<String> keystorePassword();

    Optional<String> truststore();

    Optional<String> truststorePassword();
  }

  /** {@code statefun.health.path}: {@code <path>/live} and {@code <path>/ready}, or {@code off}. */
  interface Health {
    @WithDefault("/health")
    String path();
  }

  /** {@code statefun.metrics.path}: the Prometheus text format, or {@code off}. */
  interface Metrics {
    @WithDefault("/metrics")
    String path();
  }
}
