package dev.statefun.jakarta.e2e.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderTest {

  @Test
  void endpointYaml() {
    String yaml = new RemoteEndpoint("com.example.fns/*", URI.create("http://127.0.0.1:8000/statefun"),
        Duration.ofSeconds(12)).toYaml();
    assertTrue(yaml.startsWith("kind: io.statefun.endpoints.v2/http\n"), yaml);
    assertTrue(yaml.contains("  functions: com.example.fns/*\n"), yaml);
    assertTrue(yaml.contains("  urlPathTemplate: http://127.0.0.1:8000/statefun\n"), yaml);
    assertTrue(yaml.contains("      call: 12000ms\n"), yaml);
  }

  @Test
  void badSettingsAreRejectedEarly() {
    assertThrows(IllegalArgumentException.class, () -> StatefunRuntime.builder().egress("noslash"));
    assertThrows(IllegalArgumentException.class, () -> StatefunRuntime.builder().egress("a/b,c/d"));
    assertThrows(IllegalArgumentException.class, () -> StatefunRuntime.builder().parallelism(0));
    assertThrows(IllegalArgumentException.class, () -> new RemoteEndpoint("fns", URI.create("http://127.0.0.1/")));
    IllegalStateException noModule =
        assertThrows(IllegalStateException.class, () -> StatefunRuntime.builder().start());
    assertTrue(noModule.getMessage().contains("remoteEndpoint"), noModule.getMessage());
  }

  @Test
  void missingRunnerClasspathSaysHowToBuildIt(@TempDir Path dir) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> StatefunRuntime.builder()
        .remoteEndpoint(new RemoteEndpoint("a/*", URI.create("http://127.0.0.1:1/")))
        .runnerClasspathFile(dir.resolve("missing.classpath"))
        .workDirectory(dir.resolve("run"))
        .start());
    assertTrue(e.getMessage().contains("harness-runner"), e.getMessage());
    assertEquals(false, dir.resolve("run").toFile().exists());
  }
}
