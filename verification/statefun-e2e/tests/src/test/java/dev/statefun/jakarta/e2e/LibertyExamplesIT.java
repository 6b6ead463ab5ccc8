package dev.statefun.jakarta.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The war-example WAR on Open Liberty, driven by the real runtime: the same checks as on the
 * embedded server. Runs only with {@code -Pe2e-liberty}.
 */
class LibertyExamplesIT extends ExampleFunctionsContract {
  private LibertyServer server;

  @Override
  URI startEndpoint() throws Exception {
    server = LibertyServer.fromSystemProperties();
    return server.start(Path.of(System.getProperty("e2e.war")), "war-example", Duration.ofSeconds(120));
  }

  @Override
  void stopEndpoint() throws Exception {
    if (server != null) {
      server.close();
    }
  }
}
