package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.http.BodyBudget;
import dev.statefun.jakarta.http.EndpointLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@link EmbeddedServer} listens. {@link #fromEnvironment()} reads each setting through
 * MicroProfile Config: a system property, else the environment variable named in its constant's doc, else
 * {@code META-INF/microprofile-config.properties}, else the default.
 *
 * @param host the address to bind (default {@code 127.0.0.1})
 * @param port the port (default 8000; 0 picks a free one, see {@link EmbeddedServer#port()})
 * @param path where the endpoint answers (default {@code /statefun})
 * @param limits body size and batch size per request
 * @param requestTimeout how long a client may take to send one request, headers and body; a client
 *     that stalls longer is disconnected, so it never holds a worker thread for good (default 30 s)
 * @param shutdownTimeout how long {@link EmbeddedServer#close()} waits for in-flight requests
 *     (default 10 s)
 * @param threads worker threads: they run functions when {@code blockingFunctions} is set (default 64)
 * @param tls HTTPS, and client certificates, when present (see {@link TlsConfig}); plain HTTP by default
 * @param maxInFlightBodyBytes how many bytes of request bodies the server holds at once, across all
 *     requests; a request that would pass it gets 503 with {@code Retry-After} (the runtime retries).
 *     0 (the default): {@value BodyBudget#DEFAULT_HEAP_SHARE_PERCENT}% of the maximum heap
 * @param blockingFunctions whether functions may block (JDBC, a blocking HTTP client): then they run
 *     on the worker threads. By default (false) a synchronous function runs on the I/O thread that
 *     read its request, without a thread hand-off, as the official SDK's Undertow example does; a
 *     function that blocks there stalls every connection of that thread
 */
public record EmbeddedServerConfig(
    String host, int port, String path, EndpointLimits limits, Duration requestTimeout, Duration shutdownTimeout,
    int threads, Optional<TlsConfig> tls, long maxInFlightBodyBytes, boolean blockingFunctions) {

  /** {@code statefun.host} / {@code STATEFUN_HOST}. */
  public static final String HOST = "statefun.host";
  /** {@code statefun.port} / {@code STATEFUN_PORT}. */
  public static final String PORT = "statefun.port";
  /** {@code statefun.path} / {@code STATEFUN_PATH}. */
  public static final String PATH = "statefun.path";
  /** {@code statefun.request-timeout} / {@code STATEFUN_REQUEST_TIMEOUT}: {@code 30s}, {@code 500ms}, {@code PT1M}. */
  public static final String REQUEST_TIMEOUT = "statefun.request-timeout";
  /** {@code statefun.shutdown-timeout} / {@code STATEFUN_SHUTDOWN_TIMEOUT}. */
  public static final String SHUTDOWN_TIMEOUT = "statefun.shutdown-timeout";
  /** {@code statefun.threads} / {@code STATEFUN_THREADS}. */
  public static final String THREADS = "statefun.threads";
  /** {@code statefun.max-in-flight-body-bytes} / {@code STATEFUN_MAX_IN_FLIGHT_BODY_BYTES}. */
  public static final String MAX_IN_FLIGHT_BODY_BYTES = "statefun.max-in-flight-body-bytes";
  /** {@code statefun.blocking-functions} / {@code STATEFUN_BLOCKING_FUNCTIONS}: {@code true} or {@code false}. */
  public static final String BLOCKING_FUNCTIONS = "statefun.blocking-functions";
  // EndpointLimits.MAX_BODY_BYTES / STATEFUN_MAX_BODY_BYTES and MAX_BATCH_SIZE / STATEFUN_MAX_BATCH_SIZE too,
  // and TlsConfig.KEYSTORE / STATEFUN_TLS_KEYSTORE and the other statefun.tls.* settings.

  /** The defaults of {@link ServerSettings}, where every setting is described. */
  public static final EmbeddedServerConfig DEFAULTS = EnvironmentSettings.of(Map.of(), Map.of()).server();

  public EmbeddedServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(tls, "tls");
    if (host.isBlank()) {
      throw new IllegalArgumentException(HOST + " must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(PORT + " must be between 0 and 65535, not " + port);
    }
    path = normalizePath(Objects.requireNonNull(path, "path"));
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException(REQUEST_TIMEOUT + " must be positive, not " + requestTimeout);
    }
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException(SHUTDOWN_TIMEOUT + " must not be negative, not " + shutdownTimeout);
    }
    if (threads < 1) {
      throw new IllegalArgumentException(THREADS + " must be at least 1, not " + threads);
    }
    if (maxInFlightBodyBytes < 0) {
      throw new IllegalArgumentException(MAX_IN_FLIGHT_BODY_BYTES + " must be 0 (a share of the heap) or more, not "
          + maxInFlightBodyBytes);
    }
  }

  /** The settings without a body budget of their own or blocking functions. */
  public EmbeddedServerConfig(String host, int port, String path, EndpointLimits limits, Duration requestTimeout,
      Duration shutdownTimeout, int threads, Optional<TlsConfig> tls) {
    this(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls, 0, false);
  }

  /** Plain HTTP: the settings without {@link #tls()}. */
  public EmbeddedServerConfig(String host, int port, String path, EndpointLimits limits, Duration requestTimeout,
      Duration shutdownTimeout, int threads) {
    this(host, port, path, limits, requestTimeout, shutdownTimeout, threads, Optional.empty());
  }

  /** The defaults: 127.0.0.1:8000/statefun. */
  public static EmbeddedServerConfig defaults() {
    return DEFAULTS;
  }

  /**
   * The settings from system properties, else environment variables ({@code STATEFUN_PORT} for
   * {@code statefun.port}: MicroProfile Config's rule), else {@code META-INF/microprofile-config.properties},
   * else the defaults.
   *
   * @throws IllegalArgumentException naming the setting whose value is not valid
   */
  public static EmbeddedServerConfig fromEnvironment() {
    return EnvironmentSettings.fromEnvironment().server();
  }

  public EmbeddedServerConfig withHost(String host) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls,
        maxInFlightBodyBytes, blockingFunctions);
  }

  public EmbeddedServerConfig withPort(int port) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls,
        maxInFlightBodyBytes, blockingFunctions);
  }

  public EmbeddedServerConfig withPath(String path) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls,
        maxInFlightBodyBytes, blockingFunctions);
  }

  public EmbeddedServerConfig withLimits(EndpointLimits limits) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls,
        maxInFlightBodyBytes, blockingFunctions);
  }

  public EmbeddedServerConfig withRequestTimeout(Duration requestTimeout) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls,
        maxInFlightBodyBytes, blockingFunctions);
  }

  public EmbeddedServerConfig withShutdownTimeout(Duration shutdownTimeout) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls,
        maxInFlightBodyBytes, blockingFunctions);
  }

  public EmbeddedServerConfig withThreads(int threads) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls,
        maxInFlightBodyBytes, blockingFunctions);
  }

  /** HTTPS with these settings, or plain HTTP for null. */
  public EmbeddedServerConfig withTls(TlsConfig tls) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads,
        Optional.ofNullable(tls), maxInFlightBodyBytes, blockingFunctions);
  }

  /** At most {@code bytes} of request bodies held at once; 0 for the default share of the heap. */
  public EmbeddedServerConfig withMaxInFlightBodyBytes(long bytes) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls,
        bytes, blockingFunctions);
  }

  /** Functions run on the worker threads ({@code true}), or on the I/O thread that read the request. */
  public EmbeddedServerConfig withBlockingFunctions(boolean blocking) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls,
        maxInFlightBodyBytes, blocking);
  }

  /** The body budget in bytes: {@link #maxInFlightBodyBytes()}, or the default share of the heap. */
  public long bodyBudgetBytes() {
    return maxInFlightBodyBytes > 0 ? maxInFlightBodyBytes : BodyBudget.defaultBytes();
  }

  /** "/statefun", "statefun/" and "/statefun/" all mean "/statefun"; "" and "/" mean the root. */
  private static String normalizePath(String path) {
    String p = path.trim();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.contains("//") || p.contains("?") || p.contains("#") || p.contains("{") || p.contains(" ")) {
      throw new IllegalArgumentException(PATH + " must be a plain URL path like /statefun, not '" + path + "'");
    }
    return "/" + p;
  }
}
