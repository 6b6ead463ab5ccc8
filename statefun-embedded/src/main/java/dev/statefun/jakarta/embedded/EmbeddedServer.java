package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.handler.ServingState;
import dev.statefun.jakarta.jaxrs.EndpointLimits;
import dev.statefun.jakarta.jaxrs.StatefulFunctionResource;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Serves every {@code @StatefulFunction} bean on the classpath without an application server:
 * Weld SE finds the beans, Jersey serves {@link StatefulFunctionResource} on Grizzly (Jersey's
 * reference container, asynchronous replies included).
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
  /** How much of a refused body is read and discarded beyond the body limit before the connection is closed. */
  private static final long DISCARD_BEYOND_LIMIT = 64L * 1024 * 1024;
  // Strong references: JUL holds loggers weakly, and a collected logger forgets its level.
  private static final List<java.util.logging.Logger> QUIETED = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final EmbeddedServerConfig config;
  private final WeldContainer weld;
  private final HttpServer http;
  private final NetworkListener listener;
  private final DrainingHandler requests;
  private final AtomicReference<ServingState> state;
  private final ServerOpenTelemetry telemetry; // null when /metrics is off and the OpenTelemetry SDK too
  private final List<String> functionTypes;
  private final URI uri;
  private final Object closeLock = new Object();
  private boolean closed;

  private EmbeddedServer(EmbeddedServerConfig config, WeldContainer weld, HttpServer http, NetworkListener listener,
      DrainingHandler requests, AtomicReference<ServingState> state, ServerOpenTelemetry telemetry,
      List<String> functionTypes) {
    this.config = config;
    this.state = state;
    this.telemetry = telemetry;
    this.weld = weld;
    this.http = http;
    this.listener = listener;
    this.requests = requests;
    this.functionTypes = functionTypes;
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    String scheme = config.tls().isPresent() ? "https" : "http";
    this.uri = URI.create(scheme + "://" + host + ":" + listener.getPort() + config.path());
  }

  /** Starts a server with the settings from system properties and environment variables, until SIGTERM. */
  public static void main(String[] args) {
    quietLibraries();
    EmbeddedServer server;
    try {
      server = start(EmbeddedServerConfig.fromEnvironment());
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
    // Grizzly's threads are daemons: the main thread keeps the JVM up until SIGTERM runs the hook.
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Unless logging is configured (java.util.logging.config.file/class), keeps the libraries' start-up
   * chatter (Weld's and Grizzly's INFO lines, Jersey's note about an absent optional provider) out of the log, so
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
    quiet("org.glassfish.grizzly.http.server", java.util.logging.Level.WARNING);
    // Its line naming the functions (for a WAR) would repeat the server's own.
    quiet("dev.statefun.jakarta.cdi.StatefulFunctionRegistry", java.util.logging.Level.WARNING);
    quiet("org.glassfish.jersey.message.internal.MessagingBinders", java.util.logging.Level.SEVERE);
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
    return start(config, OperationsConfig.fromEnvironment());
  }

  /**
   * As {@link #start(EmbeddedServerConfig)}, with health and metrics where {@code operations} says
   * (on the same port; {@link OperationsConfig#off()} for neither).
   */
  public static EmbeddedServer start(EmbeddedServerConfig config, OperationsConfig operations) {
    long started = System.nanoTime();
    operations.checkAgainst(config.path());
    // Bad TLS settings fail here, before CDI starts or a port is bound.
    SSLEngineConfigurator tls = config.tls().map(ServerTls::engineConfigurator).orElse(null);
    PrometheusMetrics metrics = operations.metricsPath().isPresent() ? new PrometheusMetrics() : null;
    ServerOpenTelemetry telemetry = startOpenTelemetry(metrics);
    AtomicReference<ServingState> state = new AtomicReference<>(ServingState.STARTING);
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
    HttpServer http = null;
    try {
      List<String> types = functionTypes(weld);
      // The resource a WAR serves, bound to one instance with the application's handler bean;
      // jersey-weld2-se keeps CDI's request context active while a request is processed.
      StatefulFunctionResource resource = new StatefulFunctionResource(weld.select(RequestReplyHandler.class).get());
      ResourceConfig application = new ResourceConfig()
          .registerResources(boundTo(resource, config.path()))
          .property(EndpointLimits.MAX_BODY_BYTES, config.limits().maxBodyBytes())
          .property(EndpointLimits.MAX_BATCH_SIZE, config.limits().maxBatchSize())
          .property(ServerProperties.WADL_FEATURE_DISABLE, true);
      operations.healthPath().ifPresent(path ->
          JerseyOperations.addHealth(application, path, new HealthResource(state::get)));
      operations.metricsPath().ifPresent(path ->
          JerseyOperations.addMetrics(application, path, new MetricsResource(metrics)));
      DrainingHandler requests = new DrainingHandler(
          ContainerFactory.createContainer(GrizzlyHttpContainer.class, application),
          uri -> operations.healthPath().filter(uri::startsWith).isPresent()
              || operations.metricsPath().filter(uri::equals).isPresent());
      NetworkListener listener = listener(config, tls);
      http = new HttpServer();
      http.addListener(listener);
      ServerConfiguration server = http.getServerConfiguration();
      server.addHttpHandler(requests, HttpHandlerRegistration.ROOT);
      server.setJmxEnabled(false);
      server.setName("statefun");
      // After answering (say 413 to an oversized body) Grizzly reads and discards what the client
      // still sends, so that the client reads the answer instead of a reset connection; beyond this
      // it closes the connection.
      server.setMaxPayloadRemainderToSkip(config.limits().maxBodyBytes() + DISCARD_BEYOND_LIMIT);
      try {
        http.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
            + " (set " + EmbeddedServerConfig.PORT + " / STATEFUN_PORT to a free port, or 0 for any)", e);
      }
      EmbeddedServer embedded = new EmbeddedServer(config, weld, http, listener, requests, state, telemetry, types);
      state.set(ServingState.SERVING);
      long now = System.nanoTime();
      LOG.log(Level.INFO, "StateFun endpoint listening on " + embedded.uri + ", serving " + types.size()
          + (types.size() == 1 ? " function: " : " functions: ") + String.join(", ", types)
          + tlsNote(config)
          + " (started in " + TimeUnit.NANOSECONDS.toMillis(now - started) + " ms: CDI "
          + TimeUnit.NANOSECONDS.toMillis(cdiReady - started) + " ms, JAX-RS and HTTP "
          + TimeUnit.NANOSECONDS.toMillis(now - cdiReady) + " ms)"
          + operations.healthPath().map(p -> "; health at " + p + "/ready and " + p + "/live").orElse("")
          + operations.metricsPath().map(p -> "; Prometheus metrics at " + p).orElse("")
          + (telemetry != null && telemetry.sdkOn() ? "; OpenTelemetry SDK on (spans per OTEL_* settings)" : ""));
      return embedded;
    } catch (RuntimeException | Error e) {
      if (http != null) {
        http.shutdownNow();
      }
      weld.shutdown();
      if (telemetry != null) {
        telemetry.close();
      }
      throw e;
    }
  }

  /**
   * The endpoint's resource methods at {@code path}, each called on {@code resource}. Registered as a
   * class, Jersey would ask CDI for the bean on every request (a client proxy and an HK2 factory per
   * request showed in the profile); bound to the instance, it calls it directly.
   */
  private static Resource boundTo(StatefulFunctionResource resource, String path) {
    Resource.Builder bound = Resource.builder(path);
    for (ResourceMethod method : Resource.from(StatefulFunctionResource.class).getResourceMethods()) {
      bound.addMethod(method).handledBy(resource, method.getInvocable().getHandlingMethod());
    }
    return bound.build();
  }

  /**
   * One listener: worker threads that read requests and run synchronous functions, and the request
   * timeout applied where a client can stall. Grizzly's idle timeout closes a connection that sends
   * nothing for that long between requests, inside its request line and headers, or inside a TLS
   * handshake; the read timeout bounds each wait for more of a request body.
   */
  private static NetworkListener listener(EmbeddedServerConfig config, SSLEngineConfigurator tls) {
    NetworkListener listener = new NetworkListener("statefun", config.host(), config.port());
    if (tls != null) {
      listener.setSecure(true);
      listener.setSSLEngineConfig(tls);
    }
    int timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (config.requestTimeout().toMillis() + 999) / 1000));
    listener.getKeepAlive().setIdleTimeoutInSeconds(timeoutSeconds);
    // Grizzly closes a connection after 256 requests by default; the runtime keeps its connections.
    listener.getKeepAlive().setMaxRequestsCount(-1);
    listener.getTransport().setReadTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
        .setPoolName("statefun-http").setCorePoolSize(config.threads()).setMaxPoolSize(config.threads())
        .setDaemon(true));
    return listener;
  }

  /** Where the endpoint answers, e.g. {@code http://127.0.0.1:8000/statefun} ({@code https} with TLS). */
  public URI uri() {
    return uri;
  }

  /** The port listened on (the one picked, if the configured port was 0). */
  public int port() {
    return listener.getPort();
  }

  /** The function types served, as {@code namespace/name}. */
  public List<String> functionTypes() {
    return functionTypes;
  }

  /** Starting, serving or draining: what {@code <health path>/ready} reports. */
  public ServingState state() {
    return state.get();
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
      state.set(ServingState.DRAINING);
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
        http.shutdownNow(); // also stops Jersey (onShutdown) through the handler's destroy()
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

  private static ServerOpenTelemetry startOpenTelemetry(PrometheusMetrics metrics) {
    try {
      return ServerOpenTelemetry.start(metrics).orElse(null);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("The OpenTelemetry SDK did not start (" + ServerOpenTelemetry.SDK_DISABLED
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
      if (message.contains("RequestReplyHandler") && message.contains("WELD-001408")) {
        throw new IllegalStateException("No RequestReplyHandler bean to serve: add dev.statefun.jakarta:statefun-cdi"
            + " to the classpath (it serves every @StatefulFunction bean), or produce a"
            + " dev.statefun.jakarta.handler.RequestReplyHandler bean yourself", e);
      }
      throw new IllegalStateException("CDI (Weld SE) did not start: " + message, e);
    }
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
