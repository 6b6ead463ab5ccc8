package dev.statefun.jakarta.example;

import static dev.statefun.jakarta.testkit.Requests.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import dev.statefun.jakarta.types.Types;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded server with its OpenTelemetry SDK turned on as an operator turns it on
 * ({@code otel.sdk.disabled=false} and an OTLP endpoint, the settings MicroProfile Telemetry takes on
 * a server): one span per request reaches an OTLP receiver in this JVM, and {@code /metrics} still
 * counts every request, now read from that SDK's meter provider.
 */
class EmbeddedTracingIT {
  private static final OtlpReceiver RECEIVER = OtlpReceiver.start();
  private static final Map<String, String> SETTINGS = Map.of(
      "otel.sdk.disabled", "false",
      "otel.exporter.otlp.endpoint", RECEIVER.endpoint().toString(),
      "otel.exporter.otlp.protocol", "http/protobuf",
      "otel.bsp.schedule.delay", "100",
      "otel.service.name", "statefun-embedded-tracing-it");
  private static final String GREETER = Greeter.TYPE;
  private static EmbeddedServer server;

  @BeforeAll
  static void start() {
    SETTINGS.forEach(System::setProperty);
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withHost("127.0.0.1").withPort(0));
  }

  @AfterAll
  static void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      SETTINGS.keySet().forEach(System::clearProperty);
      RECEIVER.close();
    }
  }

  @Test
  void everyRequestIsSpannedAndStillScraped() throws Exception {
    URI endpoint = server.uri();
    String octets = ExampleEndpointChecks.OCTET_STREAM;
    // first call: asks for its state (incomplete context)
    assertEquals(200, Wire.post(endpoint, octets, to(GREETER, "ann").invoke(Types.STRING, "ann").bytes())
        .statusCode());
    // 2 invocations, replied
    assertEquals(200, Wire.post(endpoint, octets, to(GREETER, "ann").emptyState("seen_count")
        .invoke(Types.STRING, "ann").invoke(Types.STRING, "ann").bytes()).statusCode());
    assertEquals(404, Wire.post(endpoint, octets, to("com.example.fns/nobody", "y")
        .invoke(Types.STRING, "hi").bytes()).statusCode());
    assertEquals(400, Wire.post(endpoint, octets, new byte[] {(byte) 0xff, 0x13, 0x07, 0x00}).statusCode());

    List<Span> spans = RECEIVER.await(RECEIVER::spans, received -> received.size() >= 4, Duration.ofSeconds(60));
    Map<String, Long> described = spans.stream().collect(Collectors.groupingBy(span -> span.getName() + " | "
        + OtlpReceiver.attribute(span, "statefun.outcome") + " | "
        + OtlpReceiver.attribute(span, "statefun.batch.size") + " | "
        + OtlpReceiver.attribute(span, "statefun.address.id"), TreeMap::new, Collectors.counting()));
    assertEquals(new TreeMap<>(Map.of(
        "statefun " + GREETER + " | incomplete_context | 1 | ann", 1L,
        "statefun " + GREETER + " | replied | 2 | ann", 1L,
        "statefun com.example.fns/nobody | unknown_function | 1 | y", 1L,
        "statefun batch | malformed_request | 0 | null", 1L)), described);

    HttpResponse<String> scraped = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(endpoint.resolve("/metrics")).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, scraped.statusCode());
    assertEquals(Map.of(GREETER + "|replied", 1.0, GREETER + "|incomplete_context", 1.0, "-|unknown_function", 1.0,
        "-|malformed_request", 1.0), batches(scraped.body()), scraped::body);
  }

  /** The samples of statefun_function_batches_total, by "type|outcome" ("-" for no type). */
  private static Map<String, Double> batches(String exposition) {
    Pattern sample = Pattern.compile("statefun_function_batches_total\\{([^}]*)\\} (\\S+)");
    Pattern label = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    Map<String, Double> samples = new TreeMap<>();
    exposition.lines().map(sample::matcher).filter(Matcher::matches).forEach(line -> {
      Map<String, String> labels = new TreeMap<>();
      Matcher each = label.matcher(line.group(1));
      while (each.find()) {
        labels.put(each.group(1), each.group(2));
      }
      samples.put(labels.getOrDefault("statefun_function_type", "-") + "|" + labels.get("statefun_outcome"),
          Double.valueOf(line.group(2)));
    });
    return samples;
  }
}
