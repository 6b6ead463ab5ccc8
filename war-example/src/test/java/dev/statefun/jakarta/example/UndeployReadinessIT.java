package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.example.undeploy.UndeployReadiness;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry drains when the server undeploys the application, before anything is destroyed: the packaged
 * WAR plus statefun-health, deployed and undeployed by this test, asks the readiness check from an observer
 * of the application's {@code @BeforeDestroyed} event that runs after the registry's (a later priority) and
 * writes the answer to a file under target/, read once the undeploy has returned. Profile {@code wildfly}.
 */
@ExtendWith(ArquillianExtension.class)
class UndeployReadinessIT {
  private static final String NAME = "undeploy-readiness";
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @Deployment(name = NAME, managed = false, testable = false)
  static WebArchive war() {
    return WarDeployment.packagedWar(NAME + ".war")
        .addPackage(UndeployReadiness.class.getPackage())
        .addAsLibraries(WarDeployment.module("dev.statefun.jakarta.health.FunctionsReadiness", "statefun-health"))
        .addAsResource(new StringAsset(answerFile().toString()), UndeployReadiness.ANSWER_FILE);
  }

  @ArquillianResource
  Deployer deployer;

  @Test
  void readinessIsDownAndDrainingWhileTheWarIsUndeployed() throws Exception {
    Files.deleteIfExists(answerFile());
    deployer.deploy(NAME);
    boolean deployed = true;
    try {
      HttpResponse<String> serving = CLIENT.send(HttpRequest.newBuilder(readinessUri())
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, serving.statusCode(), serving::body);
      assertEquals("UP SERVING", serving.body(), "while deployed");
      // Returns once the server has stopped the application: its observers have run.
      deployer.undeploy(NAME);
      deployed = false;
    } finally {
      if (deployed) {
        deployer.undeploy(NAME);
      }
    }
    assertTrue(Files.isRegularFile(answerFile()),
        () -> answerFile() + " was not written: the @BeforeDestroyed observer did not run during the undeploy");
    assertEquals("DOWN DRAINING", Files.readString(answerFile(), StandardCharsets.UTF_8), "during the undeploy");
  }

  /** Beside the packaged WAR, under target/. */
  private static Path answerFile() {
    File war = new File(System.getProperty("statefun.war", "target/war-example.war")).getAbsoluteFile();
    return war.toPath().resolveSibling(NAME + ".txt");
  }

  /** The deployment's readiness resource, on 127.0.0.1 and the profile's port. */
  private static URI readinessUri() {
    String port = System.getProperty("it.http.port");
    if (port == null) {
      throw new IllegalStateException("it.http.port is not set: run the suite in a server profile");
    }
    return URI.create("http://127.0.0.1:" + port + "/" + NAME + "/undeploy/readiness");
  }
}
