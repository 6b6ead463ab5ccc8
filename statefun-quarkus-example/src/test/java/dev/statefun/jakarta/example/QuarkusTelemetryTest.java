package dev.statefun.jakarta.example;

import static dev.statefun.jakarta.testkit.Requests.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.handler.HandlerObserver;
import dev.statefun.jakarta.opentelemetry.TelemetryObserver;
import dev.statefun.jakarta.types.Types;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * statefun-opentelemetry on Quarkus (CDI Lite): ArC runs no portable extension, so only its build-compatible
 * extension ({@code TelemetryBuildExtension}) can add {@link TelemetryObserver}, and the synthesized registry
 * must pick it up as a handler observer. After a known mix of requests over HTTP, the observer has counted
 * exactly what was sent, per function type and outcome ({@link ObservedMix}, as on the servers), and ended one
 * span per request. Its own application (a test profile), so the other test classes' requests are not in the
 * counts. Like a real application, and unlike QuarkusEndpointTest, it injects no registry: the synthesized one
 * must survive ArC's removal of unused beans for the endpoint to answer at all.
 */
@QuarkusTest
@TestProfile(QuarkusTelemetryTest.OwnApplication.class)
class QuarkusTelemetryTest {
  private static final String GREETER = Greeter.TYPE;
  private static final String TRANSLATOR = Translator.TYPE;
  private static final AttributeKey<String> FUNCTION_TYPE = AttributeKey.stringKey("statefun.function.type");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("statefun.outcome");
  private static final AttributeKey<String> EFFECT = AttributeKey.stringKey("statefun.effect");
  private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("statefun.batch.size");

  /** No configuration of its own: a profile only to start a fresh application whose counts begin at zero. */
  public static class OwnApplication implements QuarkusTestProfile {}

  @TestHTTPResource("/statefun")
  URL statefun;

  @Inject
  InMemoryTelemetry telemetry;

  @Inject
  @Any
  Instance<HandlerObserver> observers;

  @Test
  void theBuildCompatibleExtensionRegistersTheObserverThatCountsEveryRequestExactly() throws Exception {
    assertEquals(List.of(TelemetryObserver.class), observers.handlesStream()
        .map(handle -> handle.getBean().getBeanClass()).toList(), "the handler observers of the application");

    // The greeter takes strings only: an int fails the function.
    ObservedMix mix = new ObservedMix(GREETER, to(GREETER, "eve").emptyState("seen_count").invoke(Types.INT, 7));
    mix.send(endpoint());

    // The handler tells its observers before it hands the reply back: everything is recorded by now.
    List<MetricData> metrics = telemetry.collectMetrics();
    for (var instrument : mix.expectedMetrics().entrySet()) {
      assertEquals(instrument.getValue(), counts(metrics, instrument.getKey(), OUTCOME), instrument.getKey());
    }
    // each greeting goes to the inbox and to Kafka; each translation to Kafka
    assertEquals(Map.of(GREETER + "|message", 2L, GREETER + "|egress", 2L, TRANSLATOR + "|egress", 2L),
        counts(metrics, "statefun.function.effects", EFFECT));

    List<SpanData> spans = telemetry.spans();
    assertEquals(mix.expectedSpans(), spans.stream().collect(Collectors.groupingBy(span -> span.getName() + " | "
        + span.getAttributes().get(FUNCTION_TYPE) + " | " + span.getAttributes().get(OUTCOME) + " | "
        + span.getAttributes().get(BATCH_SIZE), TreeMap::new, Collectors.counting())));
    SpanData failed = spans.stream().filter(span -> "function_failed".equals(span.getAttributes().get(OUTCOME)))
        .findFirst().orElseThrow();
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertEquals(List.of("statefun.invocation.failed"), failed.getEvents().stream().map(EventData::getName).toList());
  }

  private URI endpoint() throws Exception {
    if (!InetAddress.getByName(statefun.getHost()).isLoopbackAddress()) {
      throw new IllegalStateException(statefun + " is not a loopback address; the tests talk to 127.0.0.1 only");
    }
    return statefun.toURI();
  }

  /**
   * A counter's values, or a histogram's counts (how many values it recorded), by {@code type|second attribute}
   * ({@code -} where a point has none).
   */
  private static Map<String, Long> counts(List<MetricData> metrics, String name, AttributeKey<String> second) {
    MetricData metric = metrics.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " among " + metrics.stream()
            .map(MetricData::getName).toList() + ": the observer recorded nothing"));
    return switch (metric.getType()) {
      case LONG_SUM -> byTypeAnd(metric.getLongSumData().getPoints(), second, LongPointData::getValue);
      case HISTOGRAM -> byTypeAnd(metric.getHistogramData().getPoints(), second, HistogramPointData::getCount);
      default -> throw new AssertionError(name + " is neither a counter nor a histogram: " + metric);
    };
  }

  private static <P extends PointData> Map<String, Long> byTypeAnd(Collection<P> points,
      AttributeKey<String> second, ToLongFunction<P> value) {
    return points.stream().collect(Collectors.toMap(point -> key(point.getAttributes(), second), value::applyAsLong));
  }

  private static String key(Attributes attributes, AttributeKey<String> second) {
    String type = attributes.get(FUNCTION_TYPE);
    String other = attributes.get(second);
    return (type == null ? "-" : type) + "|" + (other == null ? "-" : other);
  }
}
