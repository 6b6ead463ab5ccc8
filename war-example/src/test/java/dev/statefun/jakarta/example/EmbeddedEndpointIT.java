package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import java.io.File;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same classes on the embedded server (Weld SE + Jersey), found as a bean archive on the
 * classpath. The "embedded" profile puts war-example-classes.jar there, not target/classes.
 */
class EmbeddedEndpointIT extends ExampleEndpointChecks {
  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withHost("127.0.0.1").withPort(0));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected URI endpoint() {
    return server.uri();
  }

  @Test
  void theFunctionsComeFromTheClassesJar() throws Exception {
    String jar = System.getProperty("it.classes.jar");
    assertNotNull(jar, "run with the embedded profile, which sets it.classes.jar");
    File loadedFrom = new File(Greeter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertEquals(new File(jar).getCanonicalFile(), loadedFrom.getCanonicalFile());
    assertEquals("127.0.0.1", server.uri().getHost());
  }
}
