package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged WAR plus statefun-health and statefun-opentelemetry on Open Liberty with mpHealth and
 * mpTelemetry on: the server's /health/ready carries our readiness check, UP with every example
 * function, and the deployment logs the one line naming the served function types.
 */
@ExtendWith(ArquillianExtension.class)
class LibertyObservabilityIT {
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Deployment(testable = false)
  static WebArchive war() {
    // The liberty profile copies the two module jars there (not on the test classpath: statefun-health's
    // checks need the MicroProfile Health API, which only the server has).
    File libs = new File(System.getProperty("it.observability.libs", "target/observability-libs"));
    return WarDeployment.packagedWar()
        .addAsLibraries(jar(new File(libs, "statefun-health.jar")), jar(new File(libs, "statefun-opentelemetry.jar")));
  }

  private static JavaArchive jar(File file) {
    if (!file.isFile()) {
      throw new IllegalStateException(file + " does not exist: run with -Pliberty (it copies the module jars)");
    }
    return ShrinkWrap.create(ZipImporter.class, file.getName()).importFrom(file).as(JavaArchive.class);
  }

  @ArquillianResource
  URL deploymentUrl;

  @Test
  void readinessCarriesTheFunctionsCheckUp() throws Exception {
    URI ready = deploymentUrl.toURI().resolve("/health/ready");
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(ready).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode(), response.body());
    Matcher check = Pattern.compile("\\{[^{}]*\"name\"\\s*:\\s*\"statefun-functions\"[^{}]*\"status\"\\s*:\\s*\"(\\w+)\""
        + "[^{}]*\"data\"\\s*:\\s*\\{([^}]*)\\}").matcher(response.body());
    assertTrue(check.find(), response.body());
    assertEquals("UP", check.group(1), response.body());
    assertTrue(check.group(2).matches(".*\"functions\"\\s*:\\s*" + ExampleFunctions.STATE.size() + "\\b.*"),
        response.body());
    assertTrue(check.group(2).contains("\"SERVING\""), response.body());

    URI live = deploymentUrl.toURI().resolve("/health/live");
    HttpResponse<String> liveness = CLIENT.send(HttpRequest.newBuilder(live).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, liveness.statusCode(), liveness.body());
    assertTrue(liveness.body().contains("\"statefun-handler\""), liveness.body());
  }

  @Test
  void theDeploymentNamesItsFunctionTypesOnce() throws Exception {
    Path log = Path.of(System.getProperty("it.server.dir"), "wlp/usr/servers/sfwarexample/logs/messages.log");
    String text = Files.readString(log);
    Matcher line = Pattern.compile("StateFun serves (\\d+) function type\\(s\\): (.*)").matcher(text);
    assertTrue(line.find(), "no function types line in " + log);
    assertEquals(ExampleFunctions.STATE.size(), Integer.parseInt(line.group(1)));
    for (String type : ExampleFunctions.STATE.keySet()) {
      assertTrue(line.group(2).contains(type), line.group());
    }
  }
}
