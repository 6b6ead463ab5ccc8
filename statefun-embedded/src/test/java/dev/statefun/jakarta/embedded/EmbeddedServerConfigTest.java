package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.http.EndpointLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedServerConfigTest {

  @Test
  void defaultsMatchTheContract() {
    EnvironmentSettings none = EnvironmentSettings.of(Map.of(), Map.of());
    assertEquals(EmbeddedServerConfig.DEFAULTS, none.server());
    assertEquals("127.0.0.1", none.server().host());
    assertEquals(8000, none.server().port());
    assertEquals("/statefun", none.server().path());
    assertEquals(EndpointLimits.DEFAULTS, none.server().limits());
    assertEquals(Duration.ofSeconds(30), none.server().requestTimeout());
    assertEquals(Duration.ofSeconds(10), none.server().shutdownTimeout());
    assertEquals(64, none.server().threads());
    assertEquals(0, none.server().maxInFlightBodyBytes());
    assertFalse(none.server().blockingFunctions());
    assertEquals(new OperationsConfig(Optional.of("/health"), Optional.of("/metrics")), none.operations());
    assertEquals(OperationsConfig.DEFAULTS, none.operations());
    assertFalse(none.openTelemetrySdk());
  }

  @Test
  void systemPropertiesWinOverEnvironmentVariables() {
    Map<String, String> properties = Map.of("statefun.port", "9001", "statefun.request-timeout", "500ms");
    Map<String, String> environment = Map.of("STATEFUN_PORT", "9002", "STATEFUN_HOST", "127.0.0.2",
        "STATEFUN_PATH", "fns/", "STATEFUN_MAX_BODY_BYTES", "1024", "STATEFUN_MAX_BATCH_SIZE", "5",
        "STATEFUN_SHUTDOWN_TIMEOUT", "PT2S", "STATEFUN_THREADS", "3");
    EmbeddedServerConfig config = EnvironmentSettings.of(properties, environment).server();
    assertEquals(9001, config.port());
    assertEquals("127.0.0.2", config.host());
    assertEquals("/fns", config.path());
    assertEquals(new EndpointLimits(1024, 5), config.limits());
    assertEquals(Duration.ofMillis(500), config.requestTimeout());
    assertEquals(Duration.ofSeconds(2), config.shutdownTimeout());
    assertEquals(3, config.threads());
  }

  /** MicroProfile Config's rule for every setting: each character other than a letter or digit becomes '_'. */
  @Test
  void everySettingFollowsMicroProfileEnvironmentRule() {
    EnvironmentSettings settings = EnvironmentSettings.of(Map.of(), Map.of(
        "STATEFUN_MAX_IN_FLIGHT_BODY_BYTES", "4096", "STATEFUN_BLOCKING_FUNCTIONS", "true",
        "STATEFUN_HEALTH_PATH", "/ops/health", "STATEFUN_METRICS_PATH", "off", "OTEL_SDK_DISABLED", "false"));
    assertEquals(4096, settings.server().maxInFlightBodyBytes());
    assertTrue(settings.server().blockingFunctions());
    assertEquals(new OperationsConfig(Optional.of("/ops/health"), Optional.empty()), settings.operations());
    assertTrue(settings.openTelemetrySdk());
    // The property's own name, as MicroProfile Config also looks it up.
    assertEquals(9003, EnvironmentSettings.of(Map.of(), Map.of("statefun.port", "9003")).server().port());
  }

  @Test
  void durationsInSeveralSpellings() {
    for (var entry : Map.of("30s", Duration.ofSeconds(30), "45", Duration.ofSeconds(45), "2m", Duration.ofMinutes(2),
        "250ms", Duration.ofMillis(250), "PT1.5S", Duration.ofMillis(1500)).entrySet()) {
      assertEquals(entry.getValue(), EnvironmentSettings.of(Map.of("statefun.shutdown-timeout", entry.getKey()),
          Map.of()).server().shutdownTimeout(), entry.getKey());
    }
  }

  @Test
  void badValuesNameTheSetting() {
    assertMessage("statefun.port", () -> EnvironmentSettings.of(Map.of("statefun.port", "http"), Map.of()));
    assertMessage("statefun.port", () -> EnvironmentSettings.of(Map.of(), Map.of("STATEFUN_PORT", "70000")));
    assertMessage("statefun.port", () -> EmbeddedServerConfig.DEFAULTS.withPort(70000));
    assertMessage("statefun.request-timeout",
        () -> EnvironmentSettings.of(Map.of(), Map.of("STATEFUN_REQUEST_TIMEOUT", "soon")));
    assertMessage("statefun.max-in-flight-body-bytes",
        () -> EnvironmentSettings.of(Map.of("statefun.max-in-flight-body-bytes", "1GB"), Map.of()));
    assertMessage("statefun.blocking-functions",
        () -> EnvironmentSettings.of(Map.of("statefun.blocking-functions", "yes please"), Map.of()));
    assertMessage("statefun.max-body-bytes",
        () -> EnvironmentSettings.of(Map.of("statefun.max-body-bytes", "0"), Map.of()));
    assertMessage("statefun.health.path",
        () -> EnvironmentSettings.of(Map.of("statefun.health.path", "/"), Map.of()));
    assertMessage("statefun.path", () -> EmbeddedServerConfig.DEFAULTS.withPath("/a b"));
    assertMessage("statefun.threads", () -> EmbeddedServerConfig.DEFAULTS.withThreads(0));
    assertEquals("/", EmbeddedServerConfig.DEFAULTS.withPath("/").path());
  }

  @Test
  void aBadSettingStopsTheServerBeforeItListens() {
    String previous = System.setProperty("statefun.threads", "many");
    try {
      assertMessage("statefun.threads", () -> EmbeddedServer.start(EmbeddedServerConfig.fromEnvironment()).close());
    } finally {
      if (previous == null) {
        System.clearProperty("statefun.threads");
      } else {
        System.setProperty("statefun.threads", previous);
      }
    }
  }

  private static void assertMessage(String containing, Runnable action) {
    RuntimeException e = assertThrows(RuntimeException.class, action::run);
    assertTrue(e.getMessage().contains(containing), e.getMessage());
  }
}
