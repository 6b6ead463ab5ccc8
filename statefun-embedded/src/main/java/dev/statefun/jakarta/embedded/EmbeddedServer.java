package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.http.BodyBudget;
import dev.statefun.jakarta.http.HttpContract;
import dev.statefun.jakarta.http.ServingState;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.jboss.weld.context.RequestContext;
import org.jboss.weld.context.unbound.UnboundLiteral;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.xnio.Options;
import org.xnio.SslClientAuthMode;

/**
 * Serves every {@code @StatefulFunction} bean on the classpath without an application server:
 * Weld SE finds the beans, and an Undertow handler serves them with the same HTTP contract as the
 * JAX-RS resource of a WAR ({@link HttpContract}), reading bodies without blocking a thread.
 *
 * <pre>{@code
 * java -cp <your functions, statefun-embedded and its dependencies> dev.statefun.jakarta.embedded.EmbeddedServer
 * }</pre>
 *
 * From Java: {@code try (EmbeddedServer server = EmbeddedServer.start(config)) { server.uri() ... }}.
 * The jars with your functions need a {@code META-INF/beans.xml}, as in a WAR. HTTPS and client
 * certificates: see {@link TlsConfig} (statefun-jaxrs/README-tls.md).
 */
public final class EmbeddedServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EmbeddedServer.class.getName());
  private static final AtomicInteger CONTAINERS = new AtomicInteger();
  /**
   * How much of a refused body is read and discarded beyond the body limit (so that the client reads
   * the answer, not a reset connection) before the connection is closed.
   */
  private static final long DISCARD_BEYOND_LIMIT = 64L * 1024 * 1024;
  // Strong references: JUL holds loggers weakly, and a collected logger forgets its level.
  private static final List<java.util.logging.Logger> QUIETED = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final EmbeddedServerConfig config;
  private final WeldContainer weld;
  private final Undertow http;
  private final int port;
  private final ServerRoot requests;
  private final Serving serving; // what readiness and the contract read
  private final ServerOpenTelemetry telemetry; // null when /metrics is off and the OpenTelemetry SDK too
  private final List<String> functionTypes;
  private final URI uri;
  private final Object closeLock = new Object();
  private boolean closed;

  private EmbeddedServer(EmbeddedServerConfig config, WeldContainer weld, Undertow http, ServerRoot requests,
      Serving serving, ServerOpenTelemetry telemetry,
      List<String> functionTypes) {
    this.config = config;
    this.serving = serving;
    this.telemetry = telemetry;
    this.weld = weld;
    this.http = http;
    this.port = ((InetSocketAddress) http.getListenerInfo().get(0).getAddress()).getPort();
    this.requests = requests;
    this.functionTypes = functionTypes;
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    String scheme = config.tls().isPresent() ? "https" : "http";
    this.uri = URI.create(scheme + "://" + host + ":" + port + config.path());
  }

  /** Starts a server with the settings from system properties and environment variables, until SIGTERM. */
  public static void main(String[] args) {
    quietLibraries();
    EmbeddedServer server;
    try {
      EnvironmentSettings settings = EnvironmentSettings.fromEnvironment();
      server = start(settings.server(), settings.operations(), settings.openTelemetrySdk());
    } catch (RuntimeException e) {
      System.err.println("The StateFun embedded server did not start: " + e.getMessage());
      LOG.log(Level.DEBUG, "Start failure", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      // Not logged: JUL resets its handlers in a shutdown hook of its own, racing this one.
      System.err.println("StateFun endpoint at " + server.uri() + " stopped");
    }, "statefun-shutdown"));
    // The main thread keeps the JVM up until SIGTERM runs the hook.
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Unless logging is configured (java.util.logging.config.file/class), keeps the libraries' start-up
   * chatter (Weld's, XNIO's, JBoss Threads' and Undertow's INFO lines) out of the log, so
   * that the server's own line says where it listens. Their warnings and errors still show.
   */
  private static void quietLibraries() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    quiet("org.jboss.weld", java.util.logging.Level.WARNING);
    // The registry's own line names the function types; the server's line below names them with the URL.
    quiet("dev.statefun.jakarta.cdi.StatefulFunctionRegistry", java.util.logging.Level.WARNING);
    quiet("org.xnio", java.util.logging.Level.WARNING);
    quiet("io.undertow", java.util.logging.Level.WARNING);
    quiet("org.jboss.threads", java.util.logging.Level.WARNING);
  }

  private static void quiet(String name, java.util.logging.Level level) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(level);
    QUIETED.add(logger); // JUL holds loggers weakly: keep the configured ones
  }

  /**
   * Starts CDI, finds the functions, and listens. Fails, with what to fix, if there is no
   * {@link RequestReplyHandler} bean (statefun-cdi missing) or no function.
   *
   * @throws IllegalStateException if the functions cannot be served
   * @throws IllegalArgumentException if the TLS key or trust store cannot be used (missing, unreadable,
   *     wrong password), checked before anything else starts
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static EmbeddedServer start(EmbeddedServerConfig config) {
    EnvironmentSettings settings = EnvironmentSettings.fromEnvironment();
    return start(config, settings.operations(), settings.openTelemetrySdk());
  }

  /**
   * As {@link #start(EmbeddedServerConfig)}, with health and metrics where {@code operations} says
   * (on the same port; {@link OperationsConfig#off()} for neither).
   */
  public static EmbeddedServer start(EmbeddedServerConfig config, OperationsConfig operations) {
    return start(config, operations, EnvironmentSettings.fromEnvironment().openTelemetrySdk());
  }

  private static EmbeddedServer start(EmbeddedServerConfig config, OperationsConfig operations,
      boolean openTelemetrySdk) {
    long started = System.nanoTime();
    operations.checkAgainst(config.path());
    // Bad TLS settings fail here, before CDI starts or a port is bound.
    SSLContext tls = config.tls().map(ServerTls::context).orElse(null);
    PrometheusMetrics metrics = operations.metricsPath().isPresent() ? new PrometheusMetrics() : null;
    ServerOpenTelemetry telemetry = startOpenTelemetry(metrics, openTelemetrySdk);
    WeldContainer weld;
    try {
      weld = startCdi(telemetry);
    } catch (RuntimeException | Error e) {
      if (telemetry != null) {
        telemetry.close();
      }
      throw e;
    }
    long cdiReady = System.nanoTime();
    Undertow http = null;
    try {
      List<String> types = functionTypes(weld);
      Serving serving = new Serving(weld);
      HttpContract contract = new HttpContract(weld.select(RequestReplyHandler.class).get(), config.limits(),
          serving);
      BodyBudget budget = new BodyBudget(config.bodyBudgetBytes());
      long bodyTimeout = config.requestTimeout().toMillis();
      Undertow.Builder builder = Undertow.builder()
          .setWorkerThreads(config.threads())
          // HTTP/1.1 only: a client asking to upgrade to h2c (the JDK's HttpClient does) is answered over HTTP/1.1.
          .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
          // A connection idle between requests, or inside its request line and headers, is closed after
          // the request timeout; the body has its own deadline (EndpointHandler).
          .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, bodyTimeout))
          .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, bodyTimeout))
          .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, config.limits().maxBodyBytes() + DISCARD_BEYOND_LIMIT);
      if (tls != null) {
        builder.addHttpsListener(config.port(), config.host(), tls);
        if (config.tls().get().clientAuthRequired()) {
          // Need, not want: a client without an accepted certificate fails the handshake.
          builder.setSocketOption(Options.SSL_CLIENT_AUTH_MODE, SslClientAuthMode.REQUIRED);
        }
      } else {
        builder.addHttpListener(config.port(), config.host());
      }
      EndpointHandler.CallScope scope = requestScope(weld);
      // Undertow's worker pool exists once the server starts: blocking functions find it then.
      AtomicReference<Executor> workers = new AtomicReference<>();
      Executor functionThreads = config.blockingFunctions() ? command -> workers.get().execute(command) : null;
      ServerRoot root = new ServerRoot(config.path(),
          new EndpointHandler(contract, budget, bodyTimeout, scope, functionThreads),
          serving, operations, metrics);
      http = builder.setHandler(root).build();
      try {
        http.start();
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port() + ": "
            + cause.getMessage() + " (set " + EmbeddedServerConfig.PORT + " / STATEFUN_PORT to a free port, or 0 for any)",
            cause instanceof IOException io ? io : new IOException(cause));
      }
      workers.set(http.getWorker());
      EmbeddedServer embedded = new EmbeddedServer(config, weld, http, root, serving, telemetry, types);
      serving.listening();
      long now = System.nanoTime();
      LOG.log(Level.INFO, "StateFun endpoint listening on " + embedded.uri + ", serving " + types.size()
          + (types.size() == 1 ? " function: " : " functions: ") + String.join(", ", types)
          + tlsNote(config)
          + " (started in " + TimeUnit.NANOSECONDS.toMillis(now - started) + " ms: CDI "
          + TimeUnit.NANOSECONDS.toMillis(cdiReady - started) + " ms, HTTP "
          + TimeUnit.NANOSECONDS.toMillis(now - cdiReady) + " ms)"
          + operations.healthPath().map(p -> "; health at " + p + "/ready and " + p + "/live").orElse("")
          + operations.metricsPath().map(p -> "; Prometheus metrics at " + p).orElse("")
          + (telemetry != null && telemetry.sdkOn() ? "; OpenTelemetry SDK on (spans per OTEL_* settings)" : ""));
      return embedded;
    } catch (RuntimeException | Error e) {
      if (http != null) {
        http.stop();
      }
      weld.shutdown();
      if (telemetry != null) {
        telemetry.close();
      }
      throw e;
    }
  }

  /** Where the endpoint answers, e.g. {@code http://127.0.0.1:8000/statefun} ({@code https} with TLS). */
  public URI uri() {
    return uri;
  }

  /** The port listened on (the one picked, if the configured port was 0). */
  public int port() {
    return port;
  }

  /** The function types served, as {@code namespace/name}. */
  public List<String> functionTypes() {
    return functionTypes;
  }

  /** Starting, serving or draining: what {@code <health path>/ready} reports. */
  public ServingState state() {
    return serving.get();
  }

  /** The settings it runs with. */
  public EmbeddedServerConfig config() {
    return config;
  }

  /**
   * Stops gracefully: readiness turns DOWN, new requests get 503 (health and metrics still answer),
   * requests in flight get up to the shutdown timeout to
   * finish, then the port is closed and CDI shut down. Idempotent.
   */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      serving.drain();
      boolean drained;
      try {
        drained = requests.drain(config.shutdownTimeout());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        drained = false;
      }
      if (!drained) {
        LOG.log(Level.WARNING, requests.inFlight() + " request(s) still in flight after "
            + config.shutdownTimeout() + "; closing their connections");
      }
      try {
        http.stop();
      } finally {
        weld.shutdown();
        if (telemetry != null) {
          telemetry.close(); // after the last request: flushes the spans the SDK still holds
        }
      }
      LOG.log(Level.DEBUG, () -> "StateFun endpoint at " + uri + " stopped");
    }
  }

  private static String tlsNote(EmbeddedServerConfig config) {
    return config.tls().map(tls -> tls.clientAuthRequired()
        ? "; client certificates required, issued by a CA in " + tls.trustStore().get().toAbsolutePath()
        : "; no client certificates asked").orElse("");
  }

  private static ServerOpenTelemetry startOpenTelemetry(PrometheusMetrics metrics, boolean sdkOn) {
    try {
      return ServerOpenTelemetry.start(metrics, sdkOn).orElse(null);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("The OpenTelemetry SDK did not start (" + EnvironmentSettings.SDK_DISABLED
          + "=false turned it on): " + e.getMessage() + "; fix the OTEL_* setting it names, or leave the SDK off", e);
    }
  }

  private static WeldContainer startCdi(ServerOpenTelemetry telemetry) {
    Weld weld = new Weld("statefun-embedded-" + CONTAINERS.incrementAndGet()).skipShutdownHook();
    if (telemetry != null) {
      weld.addExtension(new OpenTelemetryBean(telemetry.openTelemetry()));
    }
    try {
      return weld.initialize();
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      // WELD-ENV-000016: no bean archive at all, so not statefun-cdi's either.
      if (message.contains("WELD-ENV-000016")
          || message.contains("RequestReplyHandler") && message.contains("WELD-001408")) {
        throw new IllegalStateException("No RequestReplyHandler bean to serve: add dev.statefun.jakarta:statefun-cdi"
            + " to the classpath (it serves every @StatefulFunction bean), or produce a"
            + " dev.statefun.jakarta.handler.RequestReplyHandler bean yourself", e);
      }
      throw new IllegalStateException("CDI (Weld SE) did not start: " + message, e);
    }
  }

  /**
   * The one serving state: statefun-cdi's registry's (which statefun-health and the application read
   * too), while the server itself listens; the server's own before it listens and once it drains.
   */
  private static final class Serving implements Supplier<ServingState> {
    private final AtomicReference<ServingState> own = new AtomicReference<>(ServingState.STARTING);
    private final Optional<StatefulFunctionRegistry> registry;

    Serving(WeldContainer weld) {
      Instance<StatefulFunctionRegistry> found = weld.select(StatefulFunctionRegistry.class);
      this.registry = found.isResolvable() ? Optional.of(found.get()) : Optional.empty();
    }

    @Override
    public ServingState get() {
      ServingState server = own.get();
      return server == ServingState.SERVING ? registry.map(StatefulFunctionRegistry::state).orElse(server) : server;
    }

    void listening() {
      own.set(ServingState.SERVING);
    }

    void drain() {
      own.set(ServingState.DRAINING);
      registry.ifPresent(StatefulFunctionRegistry::drain);
    }
  }

  /**
   * CDI's request context around each call to the functions, as a WAR's container gives it, when
   * the application has request-scoped beans; without any, activating it would only cost time.
   */
  private static EndpointHandler.CallScope requestScope(WeldContainer weld) {
    boolean needed = weld.getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
        .anyMatch(bean -> bean.getScope() == RequestScoped.class);
    if (!needed) {
      return EndpointHandler.CallScope.NONE;
    }
    RequestContext requestContext = weld.select(RequestContext.class, UnboundLiteral.INSTANCE).get();
    return new EndpointHandler.CallScope() {
      @Override
      public <T> T call(Function<byte[], T> call, byte[] body) {
        requestContext.activate();
        try {
          return call.apply(body);
        } finally {
          requestContext.invalidate();
          requestContext.deactivate();
        }
      }
    };
  }

  /** The served types, from the FunctionRegistry bean when there is one; fails when nothing is served. */
  private static List<String> functionTypes(WeldContainer weld) {
    Instance<RequestReplyHandler> handler = weld.select(RequestReplyHandler.class);
    if (!handler.isResolvable()) {
      throw new IllegalStateException("No single RequestReplyHandler bean to serve (found "
          + (handler.isUnsatisfied() ? "none" : "several") + "): add dev.statefun.jakarta:statefun-cdi to the"
          + " classpath, which produces one serving every @StatefulFunction bean");
    }
    Instance<FunctionRegistry> registry = weld.select(FunctionRegistry.class);
    if (!registry.isResolvable()) {
      return List.of("(functions of the application's own RequestReplyHandler)");
    }
    List<String> types = registry.get().functions().stream().map(FunctionSpec::typeName)
        .map(Object::toString).toList();
    if (types.isEmpty()) {
      throw new IllegalStateException("No @StatefulFunction beans were found: annotate your function classes with"
          + " @StatefulFunction(\"namespace/name\") and give the jar (or classes directory) that holds them a"
          + " META-INF/beans.xml, so that CDI discovers them");
    }
    return types;
  }

  @Override
  public String toString() {
    return "EmbeddedServer[" + uri + ", " + functionTypes + "]";
  }
}
