package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.jaxrs.EndpointLimits;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the {@link EmbeddedServer} listens. {@link #fromEnvironment()} reads each setting from a system
 * property, else from the environment variable named in its constant's doc, else the default.
 *
 * @param host the address to bind (default {@code 127.0.0.1})
 * @param port the port (default 8000; 0 picks a free one, see {@link EmbeddedServer#port()})
 * @param path where the endpoint answers (default {@code /statefun})
 * @param limits body size and batch size per request
 * @param requestTimeout how long a client may take to send one request, headers and body; a client
 *     that stalls longer is disconnected, so it never holds a worker thread for good (default 30 s)
 * @param shutdownTimeout how long {@link EmbeddedServer#close()} waits for in-flight requests
 *     (default 10 s)
 * @param threads worker threads reading requests and running synchronous functions (default 64)
 * @param tls HTTPS, and client certificates, when present (see {@link TlsConfig}); plain HTTP by default
 */
public record EmbeddedServerConfig(
    String host, int port, String path, EndpointLimits limits, Duration requestTimeout, Duration shutdownTimeout,
    int threads, Optional<TlsConfig> tls) {

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
  // EndpointLimits.MAX_BODY_BYTES / STATEFUN_MAX_BODY_BYTES and MAX_BATCH_SIZE / STATEFUN_MAX_BATCH_SIZE too,
  // and TlsConfig.KEYSTORE / STATEFUN_TLS_KEYSTORE and the other statefun.tls.* settings.

  public static final EmbeddedServerConfig DEFAULTS = new EmbeddedServerConfig(
      "127.0.0.1", 8000, "/statefun", EndpointLimits.DEFAULTS, Duration.ofSeconds(30), Duration.ofSeconds(10), 64,
      Optional.empty());

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

  /** Settings from system properties, else environment variables, else defaults. */
  public static EmbeddedServerConfig fromEnvironment() {
    return from(System.getProperties()::get, System.getenv());
  }

  static EmbeddedServerConfig from(Function<String, Object> properties, Map<String, String> environment) {
    Function<String, Object> lookup = name -> {
      Object value = properties.apply(name);
      return value != null ? value : environment.get(envName(name));
    };
    EndpointLimits limits = EndpointLimits.from(lookup);
    return new EmbeddedServerConfig(
        text(lookup, HOST, DEFAULTS.host()),
        (int) integer(lookup, PORT, DEFAULTS.port()),
        text(lookup, PATH, DEFAULTS.path()),
        limits,
        duration(lookup, REQUEST_TIMEOUT, DEFAULTS.requestTimeout()),
        duration(lookup, SHUTDOWN_TIMEOUT, DEFAULTS.shutdownTimeout()),
        (int) integer(lookup, THREADS, DEFAULTS.threads()),
        TlsConfig.from(lookup));
  }

  /** {@code statefun.max-body-bytes} -> {@code STATEFUN_MAX_BODY_BYTES}. */
  static String envName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public EmbeddedServerConfig withHost(String host) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls);
  }

  public EmbeddedServerConfig withPort(int port) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls);
  }

  public EmbeddedServerConfig withPath(String path) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls);
  }

  public EmbeddedServerConfig withLimits(EndpointLimits limits) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls);
  }

  public EmbeddedServerConfig withRequestTimeout(Duration requestTimeout) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls);
  }

  public EmbeddedServerConfig withShutdownTimeout(Duration shutdownTimeout) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls);
  }

  public EmbeddedServerConfig withThreads(int threads) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads, tls);
  }

  /** HTTPS with these settings, or plain HTTP for null. */
  public EmbeddedServerConfig withTls(TlsConfig tls) {
    return new EmbeddedServerConfig(host, port, path, limits, requestTimeout, shutdownTimeout, threads,
        Optional.ofNullable(tls));
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

  private static String text(Function<String, Object> lookup, String name, String fallback) {
    Object value = lookup.apply(name);
    return value == null ? fallback : value.toString().trim();
  }

  private static long integer(Function<String, Object> lookup, String name, long fallback) {
    Object value = lookup.apply(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
    }
  }

  /** Accepts {@code 30s}, {@code 500ms}, {@code 2m}, a bare number of seconds, or ISO-8601 {@code PT30S}. */
  static Duration duration(Function<String, Object> lookup, String name, Duration fallback) {
    Object value = lookup.apply(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Duration d) {
      return d;
    }
    String text = value.toString().trim().toLowerCase(Locale.ROOT);
    try {
      if (text.startsWith("pt") || text.startsWith("p")) {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
      }
      if (text.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      }
      if (text.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      }
      return Duration.ofSeconds(Long.parseLong(text));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be a duration like 30s, 500ms, 2m or PT30S, not '" + value + "'", e);
    }
  }
}
