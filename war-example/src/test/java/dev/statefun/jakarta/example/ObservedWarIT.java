package dev.statefun.jakarta.example;

import static dev.statefun.jakarta.testkit.Requests.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.example.observed.Failing;
import dev.statefun.jakarta.types.Types;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged WAR plus statefun-opentelemetry and statefun-health, as docs/operating.md tells users to
 * deploy it, on a server with its MicroProfile Telemetry and Health on (the profile's): after a known mix
 * of requests, every metric that the server's OpenTelemetry SDK exports to an OTLP receiver in this JVM
 * counts exactly what was sent, per function type and outcome; one span per request; the server's
 * /health/ready is UP while serving and DOWN once the application drains.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservedWarIT {
  private static final String FAILING = Failing.TYPE;
  // Long enough for a loaded CI machine; the exports come every half second.
  private static final Duration EXPORTED = Duration.ofSeconds(90);
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  /** Started before the deployment is built: its port goes into the WAR's MicroProfile Config. */
  private static final OtlpReceiver RECEIVER = OtlpReceiver.start();

  @Deployment(testable = false)
  static WebArchive war() {
    WebArchive war = WarDeployment.packagedWar()
        .addPackage(Failing.class.getPackage())
        .addAsLibraries(WarDeployment.module("dev.statefun.jakarta.opentelemetry.TelemetryExtension",
            "statefun-opentelemetry"), WarDeployment.module("dev.statefun.jakarta.health.HandlerLiveness", "statefun-health"))
        .addAsResource(new StringAsset(String.join("\n",
            // MicroProfile Telemetry keeps the SDK off unless asked; then OTLP/HTTP to this JVM, exporting often.
            "otel.sdk.disabled=false",
            "otel.service.name=war-example",
            "otel.exporter.otlp.endpoint=" + RECEIVER.endpoint(),
            "otel.exporter.otlp.protocol=http/protobuf",
            "otel.traces.exporter=otlp",
            "otel.metrics.exporter=otlp",
            "otel.logs.exporter=none",
            "otel.metric.export.interval=500",
            "otel.bsp.schedule.delay=200",
            "")), "META-INF/microprofile-config.properties");
    // As deployed, for a look when a server disagrees.
    war.as(org.jboss.shrinkwrap.api.exporter.ZipExporter.class)
        .exportTo(new File(System.getProperty("statefun.war", "target/war-example.war").replace(".war", "-observed.war")), true);
    return war;
  }

  @ArquillianResource
  URL deploymentUrl;

  @AfterAll
  static void stopReceiver() {
    RECEIVER.close();
  }

  @Test
  @Order(1)
  void readyAndLiveWhileServing() throws Exception {
    HttpResponse<String> ready = get(health("ready"));
    assertEquals(200, ready.statusCode(), ready::body);
    assertEquals("UP SERVING", check(ready.body(), "statefun-functions"), ready::body);
    HttpResponse<String> live = get(health("live"));
    assertEquals(200, live.statusCode(), live::body);
    assertEquals("UP SERVING", check(live.body(), "statefun-handler"), live::body);
  }

  /**
   * Before the registry marked the functions served, asked inside the application as it started (the server's
   * /health/ready does not list the check before the deployment has finished). This relies on the server
   * calling the observers of the application's start by priority across the WAR's archives; Payara Micro
   * called the registry's first, so the profiles say where it can be observed.
   */
  @Test
  @Order(2)
  @EnabledIfSystemProperty(named = "it.early.readiness", matches = "observable")
  void notReadyAsTheApplicationStarts() throws Exception {
    assertEquals("DOWN STARTING", get(base().resolve("observed/early-readiness")).body());
  }

  @Test
  @Order(3)
  void everyRequestIsCountedPerOutcomeAndSpannedOnce() throws Exception {
    ObservedMix mix = new ObservedMix(FAILING, to(FAILING, "x").invoke(Types.STRING, "boom"));
    mix.send(Wire.endpoint(deploymentUrl));

    // Each instrument waited for on its own: an export can fall between two instruments of one observation.
    for (var metric : mix.expectedMetrics().entrySet()) {
      // Counts are cumulative: a stream that went past its expected count never comes back, and the wait fails.
      assertEquals(metric.getValue(), awaitMetric(metric.getKey(), metric.getValue()), metric.getKey());
    }

    List<Span> spans = RECEIVER.await(RECEIVER::spans, received -> received.size() >= 6, EXPORTED);
    Map<String, Long> described = spans.stream().collect(Collectors.groupingBy(span -> span.getName() + " | "
        + OtlpReceiver.attribute(span, "statefun.function.type") + " | "
        + OtlpReceiver.attribute(span, "statefun.outcome") + " | "
        + OtlpReceiver.attribute(span, "statefun.batch.size"), TreeMap::new, Collectors.counting()));
    assertEquals(mix.expectedSpans(), described);
    Span failed = spans.stream().filter(span -> "function_failed".equals(OtlpReceiver.attribute(span,
        "statefun.outcome"))).findFirst().orElseThrow();
    assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, failed.getKind());
    assertEquals(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR, failed.getStatus().getCode());
    assertEquals(List.of("statefun.invocation.failed"), failed.getEventsList().stream()
        .map(Span.Event::getName).toList());
  }

  @Test
  @Order(4)
  void notReadyOnceDraining() throws Exception {
    HttpResponse<String> drained = CLIENT.send(HttpRequest.newBuilder(base().resolve("observed/drain"))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("DRAINING", drained.body());
    HttpResponse<String> ready = get(health("ready"));
    assertEquals(503, ready.statusCode(), ready::body);
    assertEquals("DOWN DRAINING", check(ready.body(), "statefun-functions"), ready::body);
    HttpResponse<String> live = get(health("live"));
    assertEquals(200, live.statusCode(), live::body);
    assertEquals("UP DRAINING", check(live.body(), "statefun-handler"), live::body);
  }

  private static Map<String, Long> awaitMetric(String name, Map<String, Long> expected) throws Exception {
    try {
      return RECEIVER.await(() -> RECEIVER.metric(name), expected::equals, EXPORTED);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(name + ": expected " + expected + "; " + e.getMessage(), e);
    }
  }

  private URI base() throws Exception {
    return Wire.endpoint(deploymentUrl).resolve("./");
  }

  /** The server's own health endpoint (WildFly: its management port), from the profile. */
  private static URI health(String kind) {
    String root = System.getProperty("it.health.url");
    if (root == null) {
      throw new IllegalStateException("it.health.url is not set: run the suite in a server profile");
    }
    URI uri = URI.create(root.replaceAll("/?$", "/") + kind);
    if (!"127.0.0.1".equals(uri.getHost())) {
      throw new IllegalStateException(uri + " is not on 127.0.0.1");
    }
    return uri;
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The named check's status and its data's state, e.g. {@code UP SERVING}, from a MicroProfile Health report. */
  private static String check(String report, String name) {
    try (JsonReader reader = Json.createReader(new StringReader(report))) {
      JsonObject found = reader.readObject().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
          .filter(check -> name.equals(check.getString("name"))).findFirst()
          .orElseThrow(() -> new AssertionError("No check " + name + " in " + report));
      return found.getString("status") + " " + found.getJsonObject("data").getString("state");
    }
  }
}
