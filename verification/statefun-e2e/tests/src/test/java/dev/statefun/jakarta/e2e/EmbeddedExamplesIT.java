package dev.statefun.jakarta.e2e;

import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import java.net.URI;

/**
 * The example functions on the embedded server (Weld SE + Jersey on the JDK HTTP server, an
 * ephemeral loopback port), driven by the real runtime.
 */
class EmbeddedExamplesIT extends ExampleFunctionsContract {
  private EmbeddedServer server;

  @Override
  URI startEndpoint() {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0));
    return server.uri();
  }

  @Override
  void stopEndpoint() {
    if (server != null) {
      server.close();
    }
  }
}
