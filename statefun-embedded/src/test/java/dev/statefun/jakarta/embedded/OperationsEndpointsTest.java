package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.http.ServingState;
import dev.statefun.jakarta.http.BodyBudget;
import dev.statefun.jakarta.http.EndpointLimits;
import dev.statefun.jakarta.http.HttpContract;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.opentelemetry.StatefunTelemetry;
import dev.statefun.jakarta.opentelemetry.TestBatches;
import dev.statefun.jakarta.types.Types;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health and metrics resources over real HTTP next to the StateFun endpoint, as the embedded
 * server places them: health follows the serving state; /metrics counts a known mix exactly.
 */
class OperationsEndpointsTest {
  static final TypeName SYNC = TypeName.parse("ops.fns/sync");
  static final TypeName ASYNC = TypeName.parse("ops.fns/async");
  static final TypeName FAIL = TypeName.parse("ops.fns/fail");
  static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  final AtomicReference<ServingState> state = new AtomicReference<>(ServingState.STARTING);
  final ExecutorService elsewhere = Executors.newSingleThreadExecutor();
  PrometheusMetrics metrics;
  Undertow server;
  URI base;

  @BeforeEach
  void start() {
    metrics = new PrometheusMetrics();
    FunctionRegistry registry = FunctionRegistry.builder()
        .register(FunctionSpec.builder(SYNC).withValueSpec(COUNT).withFunction((context, message) -> {
          context.storage().set(COUNT, context.storage().get(COUNT).orElse(0) + 1);
          context.send(MessageBuilder.forAddress(ASYNC, "next").withValue(message.asString()).build());
        }).build())
        .register(FunctionSpec.builder(ASYNC).withAsyncFunction((context, message) ->
            CompletableFuture.runAsync(() -> {}, elsewhere)).build())
        .register(FunctionSpec.builder(FAIL).withFunction((context, message) -> {
          throw new IllegalStateException("always");
        }).build())
        .build();
    HttpContract contract = new HttpContract(
        registry.handler(List.of(StatefunTelemetry.of(metrics.openTelemetry()))), EndpointLimits.DEFAULTS, state::get);
    ServerRoot root = new ServerRoot("/statefun", new EndpointHandler(contract, new BodyBudget(1 << 30), 30_000,
        EndpointHandler.CallScope.NONE, null), state::get, new OperationsConfig(Optional.of("/health"), Optional.of("/metrics")), metrics);
    server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(root).build();
    server.start();
    base = URI.create("http://127.0.0.1:"
        + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.stop();
    metrics.close();
    elsewhere.shutdownNow();
  }

  @Test
  void readinessIsDownWhileStartingUpWhileServingDownWhileDraining() throws Exception {
    assertHealth("health/ready", 503, "DOWN", "STARTING");
    assertHealth("health/live", 200, "UP", "STARTING");
    state.set(ServingState.SERVING);
    assertHealth("health/ready", 200, "UP", "SERVING");
    state.set(ServingState.DRAINING);
    assertHealth("health/ready", 503, "DOWN", "DRAINING");
    assertHealth("health/live", 200, "UP", "DRAINING");
  }

  @Test
  void metricsCountAKnownMixExactly() throws Exception {
    post(TestBatches.batch(SYNC, "a", 2, "count"), 200);
    post(TestBatches.batch(SYNC, "b", 3, "count"), 200);
    post(TestBatches.batch(ASYNC, "c", 4), 200);
    post(TestBatches.batch(FAIL, "d", 1), 500);
    post(TestBatches.batch(SYNC, "e", 1), 200); // no state: incomplete context
    post(TestBatches.batch(TypeName.parse("ops.fns/none"), "f", 1), 404);
    post(new byte[] {(byte) 0xff}, 400);

    HttpResponse<String> scrape = get("metrics");
    assertEquals(200, scrape.statusCode());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.headers().firstValue("Content-Type").orElseThrow());
    String text = scrape.body();
    assertEquals(Map.of(
        "ops.fns/sync|replied", 2.0, "ops.fns/async|replied", 1.0, "ops.fns/fail|function_failed", 1.0,
        "ops.fns/sync|incomplete_context", 1.0, "-|unknown_function", 1.0, "-|malformed_request", 1.0),
        samples(text, "statefun_function_batches_total"));
    assertEquals(Map.of(
        "ops.fns/sync|replied", 5.0, "ops.fns/async|replied", 4.0, "ops.fns/fail|function_failed", 1.0,
        "ops.fns/sync|incomplete_context", 1.0, "-|unknown_function", 1.0, "-|malformed_request", 0.0),
        samples(text, "statefun_function_invocations_total"));
    assertEquals(Map.of("ops.fns/fail|function_failed", 1.0, "-|unknown_function", 1.0, "-|malformed_request", 1.0),
        samples(text, "statefun_function_failures_total"));
    assertEquals(samples(text, "statefun_function_batches_total"),
        samples(text, "statefun_function_batch_duration_seconds_count"));
    assertTrue(text.contains("# TYPE statefun_function_batch_duration_seconds histogram"), text);
    // The names docs/operating.md lists.
    for (String sample : List.of("statefun_function_batch_size_count", "statefun_function_effects_total",
        "statefun_function_state_read_bytes_total", "statefun_function_state_written_bytes_total")) {
      assertTrue(Pattern.compile("(?m)^" + sample + "\\{").matcher(text).find(), () -> sample + " missing in\n" + text);
    }
    assertEquals(Map.of("ops.fns/sync|-", 3.0, "ops.fns/async|-", 1.0, "ops.fns/fail|-", 1.0, "-|-", 2.0),
        samples(text, "statefun_function_batch_size_count"));
    assertTrue(text.contains("statefun_function_effects_total{statefun_effect=\"message\",statefun_function_type=\"ops.fns/sync\"} 5.0"),
        text);
  }

  private void assertHealth(String path, int status, String up, String servingState) throws Exception {
    HttpResponse<String> response = get(path);
    assertEquals(status, response.statusCode(), response::body);
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("{\"status\":\"" + up + "\",\"checks\":[{\"name\":\"statefun\",\"status\":\"" + up
        + "\",\"data\":{\"state\":\"" + servingState + "\"}}]}", response.body());
  }

  private void post(byte[] body, int status) throws Exception {
    HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("statefun"))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(status, response.statusCode());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The samples of one metric, keyed "function type|outcome" ("-" for an absent label). */
  static Map<String, Double> samples(String text, String name) {
    Map<String, Double> found = new TreeMap<>();
    Matcher line = Pattern.compile("(?m)^" + name + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(text);
    while (line.find()) {
      String labels = line.group(1) == null ? "" : line.group(1);
      found.merge(label(labels, "statefun_function_type") + "|" + label(labels, "statefun_outcome"),
          Double.parseDouble(line.group(2)), Double::sum);
    }
    return found;
  }

  private static String label(String labels, String name) {
    Matcher value = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
    return value.find() ? value.group(1) : "-";
  }
}
