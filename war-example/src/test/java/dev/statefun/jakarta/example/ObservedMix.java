package dev.statefun.jakarta.example;

import static dev.statefun.jakarta.testkit.Requests.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The known mix of requests that the statefun-opentelemetry suites send (ObservedWarIT on the servers,
 * QuarkusTelemetryTest on Quarkus), and what the observer must count of it: sync with 1 invocation (incomplete
 * context), sync with 2, async with 2, one failing function, an unknown function, garbage. Keys are
 * {@code <function type>|<outcome>}, {@code -} where a point carries none.
 */
final class ObservedMix {
  private static final String GREETER = Greeter.TYPE;
  private static final String TRANSLATOR = Translator.TYPE;
  private static final String UNKNOWN = "com.example.fns/nobody";

  private final String failingType;
  private final byte[] failingRequest;

  /** With the request that fails its function (one invocation), and that function's type. */
  ObservedMix(String failingType, Requests failingRequest) {
    this.failingType = failingType;
    this.failingRequest = failingRequest.bytes();
  }

  /** Sends the six requests, checking each answer's status. */
  void send(URI endpoint) {
    String octets = ExampleEndpointChecks.OCTET_STREAM;
    // sync, first call: asks for its state (incomplete context), 1 invocation
    assertEquals(200, Wire.post(endpoint, octets, to(GREETER, "ann").invoke(Types.STRING, "ann").bytes())
        .statusCode());
    // sync, 2 invocations
    assertEquals(200, Wire.post(endpoint, octets, to(GREETER, "ann").emptyState("seen_count")
        .invoke(Types.STRING, "ann").invoke(Types.STRING, "ann").bytes()).statusCode());
    // async, 2 invocations
    assertEquals(200, Wire.post(endpoint, octets, to(TRANSLATOR, "de").emptyState("translated")
        .invoke(Types.STRING, "bob").invoke(Types.STRING, "ann").bytes()).statusCode());
    // the function throws
    assertEquals(500, Wire.post(endpoint, octets, failingRequest).statusCode());
    // no such function
    assertEquals(404, Wire.post(endpoint, octets, to(UNKNOWN, "y").invoke(Types.STRING, "hi").bytes())
        .statusCode());
    // not a ToFunction message
    assertEquals(400, Wire.post(endpoint, octets, new byte[] {(byte) 0xff, 0x13, 0x07, 0x00}).statusCode());
  }

  /** Per instrument, its points' counts (a histogram's: how many values it recorded). */
  Map<String, Map<String, Long>> expectedMetrics() {
    Map<String, Long> batches = counts(GREETER + "|incomplete_context", 1L, GREETER + "|replied", 1L,
        TRANSLATOR + "|replied", 1L, failingType + "|function_failed", 1L, "-|unknown_function", 1L,
        "-|malformed_request", 1L);
    return new TreeMap<>(Map.of(
        "statefun.function.batches", batches,
        "statefun.function.invocations", counts(GREETER + "|incomplete_context", 1L, GREETER + "|replied", 2L,
            TRANSLATOR + "|replied", 2L, failingType + "|function_failed", 1L, "-|unknown_function", 1L,
            "-|malformed_request", 0L),
        "statefun.function.failures", counts(failingType + "|function_failed", 1L, "-|unknown_function", 1L,
            "-|malformed_request", 1L),
        "statefun.function.batch.duration", batches,
        "statefun.function.batch.size", counts(GREETER + "|-", 2L, TRANSLATOR + "|-", 1L, failingType + "|-", 1L,
            "-|-", 2L)));
  }

  /** One span per request, by {@code name | function type | outcome | batch size}. */
  Map<String, Long> expectedSpans() {
    return new TreeMap<>(counts(
        "statefun " + GREETER + " | " + GREETER + " | incomplete_context | 1", 1L,
        "statefun " + GREETER + " | " + GREETER + " | replied | 2", 1L,
        "statefun " + TRANSLATOR + " | " + TRANSLATOR + " | replied | 2", 1L,
        "statefun " + failingType + " | " + failingType + " | function_failed | 1", 1L,
        "statefun " + UNKNOWN + " | " + UNKNOWN + " | unknown_function | 1", 1L,
        "statefun batch | null | malformed_request | 0", 1L));
  }

  /** Key, count, key, count, ...; a key given twice (the failing function may be one of the others) adds up. */
  private static Map<String, Long> counts(Object... keysAndCounts) {
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < keysAndCounts.length; i += 2) {
      counts.merge((String) keysAndCounts[i], (Long) keysAndCounts[i + 1], Long::sum);
    }
    return Map.copyOf(counts);
  }
}
