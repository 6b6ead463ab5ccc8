package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.http.EndpointLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application as {@code mvn package} builds it, run as a user runs it ({@code java -jar
 * target/quarkus-app/quarkus-run.jar}), with the same checks as the WAR on the servers. Unlike
 * {@code @QuarkusTest}, nothing here injects the registry, so ArC's removal of unused beans is as in
 * production.
 */
class PackagedAppIT extends ExampleEndpointChecks {
  private static final Pattern LISTENING = Pattern.compile("Listening on: (http://127\\.0\\.0\\.1:\\d+)");
  private static Process app;
  private static URI endpoint;

  @BeforeAll
  static void start() throws Exception {
    app = launch(List.of("-Dquarkus.http.port=0"));
    CompletableFuture<String> listening = new CompletableFuture<>();
    List<String> output = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.add(line);
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            listening.complete(m.group(1));
          }
        }
        listening.completeExceptionally(new AssertionError("the application ended before listening: " + output));
      } catch (IOException e) {
        listening.completeExceptionally(e);
      }
    }, "quarkus-app-output");
    reader.setDaemon(true);
    reader.start();
    endpoint = URI.create(listening.get(60, TimeUnit.SECONDS) + "/statefun");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (app != null) {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  @Override
  protected URI endpoint() {
    return endpoint;
  }

  @Test
  void aLimitMicroProfileConfigCannotReadFailsTheStartNamingIt() throws Exception {
    Process bad = launch(List.of("-Dquarkus.http.port=0", "-D" + EndpointLimits.MAX_BODY_BYTES + "=32MB"));
    String output = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bad.waitFor(60, TimeUnit.SECONDS), output);
    assertNotEquals(0, bad.exitValue(), output);
    assertTrue(output.contains(EndpointLimits.MAX_BODY_BYTES + " must be a whole number"), output);
  }

  private static Process launch(List<String> options) throws IOException {
    Path jar = Path.of(System.getProperty("quarkus.app.jar", "target/quarkus-app/quarkus-run.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " is missing: mvn package builds it");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-jar");
    command.add(jar.toString());
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
