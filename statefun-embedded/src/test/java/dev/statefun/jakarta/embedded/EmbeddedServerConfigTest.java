package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.http.EndpointLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedServerConfigTest {

  @Test
  void defaultsMatchTheContract() {
    EmbeddedServerConfig config = EmbeddedServerConfig.from(name -> null, Map.of());
    assertEquals(EmbeddedServerConfig.DEFAULTS, config);
    assertEquals("127.0.0.1", config.host());
    assertEquals(8000, config.port());
    assertEquals("/statefun", config.path());
    assertEquals(EndpointLimits.DEFAULTS, config.limits());
  }

  @Test
  void systemPropertiesWinOverEnvironmentVariables() {
    Map<String, Object> properties = Map.of("statefun.port", "9001", "statefun.request-timeout", "500ms");
    Map<String, String> environment = Map.of("STATEFUN_PORT", "9002", "STATEFUN_HOST", "127.0.0.2",
        "STATEFUN_PATH", "fns/", "STATEFUN_MAX_BODY_BYTES", "1024", "STATEFUN_MAX_BATCH_SIZE", "5",
        "STATEFUN_SHUTDOWN_TIMEOUT", "PT2S", "STATEFUN_THREADS", "3");
    EmbeddedServerConfig config = EmbeddedServerConfig.from(properties::get, environment);
    assertEquals(9001, config.port());
    assertEquals("127.0.0.2", config.host());
    assertEquals("/fns", config.path());
    assertEquals(new EndpointLimits(1024, 5), config.limits());
    assertEquals(Duration.ofMillis(500), config.requestTimeout());
    assertEquals(Duration.ofSeconds(2), config.shutdownTimeout());
    assertEquals(3, config.threads());
  }

  @Test
  void durationsInSeveralSpellings() {
    for (var entry : Map.of("30s", Duration.ofSeconds(30), "45", Duration.ofSeconds(45), "2m", Duration.ofMinutes(2),
        "250ms", Duration.ofMillis(250), "PT1.5S", Duration.ofMillis(1500)).entrySet()) {
      assertEquals(entry.getValue(), EmbeddedServerConfig.duration(Map.<String, Object>of("d", entry.getKey())::get,
          "d", Duration.ZERO), entry.getKey());
    }
  }

  @Test
  void badValuesNameTheSetting() {
    assertMessage("statefun.port", () -> EmbeddedServerConfig.from(Map.<String, Object>of("statefun.port", "http")::get, Map.of()));
    assertMessage("statefun.port", () -> EmbeddedServerConfig.DEFAULTS.withPort(70000));
    assertMessage("statefun.request-timeout",
        () -> EmbeddedServerConfig.from(name -> null, Map.of("STATEFUN_REQUEST_TIMEOUT", "soon")));
    assertMessage("statefun.path", () -> EmbeddedServerConfig.DEFAULTS.withPath("/a b"));
    assertMessage("statefun.threads", () -> EmbeddedServerConfig.DEFAULTS.withThreads(0));
    assertEquals("/", EmbeddedServerConfig.DEFAULTS.withPath("/").path());
  }

  private static void assertMessage(String containing, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(containing), e.getMessage());
  }
}
