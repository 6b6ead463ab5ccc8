package dev.statefun.jakarta.example.undeploy;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Asks statefun-health's readiness check while the application is being undeployed, once the registry has
 * heard of it (its observer of the same event has the default priority, this one a later one), and writes
 * the answer, e.g. {@code DOWN DRAINING}, to the file that the resource {@value #ANSWER_FILE} names: the
 * application is gone when the test reads it. Added to a WAR by UndeployReadinessIT only.
 */
@ApplicationScoped
public class UndeployReadiness {
  /** The resource holding the path of the file to write the answer to. */
  public static final String ANSWER_FILE = "undeploy-readiness-file.txt";

  void record(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) @BeforeDestroyed(ApplicationScoped.class)
      Object application, @Any Instance<HealthCheck> checks) throws IOException {
    Files.writeString(answerFile(), readiness(checks), StandardCharsets.UTF_8);
  }

  /** statefun-health's readiness check's status and state, e.g. {@code UP SERVING}. */
  static String readiness(Instance<HealthCheck> checks) {
    HealthCheckResponse response = checks.select(Readiness.Literal.INSTANCE).stream()
        .map(HealthCheck::call)
        .filter(check -> check.getName().equals("statefun-functions"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no readiness check statefun-functions"));
    return response.getStatus() + " " + response.getData().map(data -> data.get("state")).orElse(null);
  }

  private static Path answerFile() {
    try (InputStream in = UndeployReadiness.class.getClassLoader().getResourceAsStream(ANSWER_FILE)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + ANSWER_FILE + " in the deployment");
      }
      return Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
