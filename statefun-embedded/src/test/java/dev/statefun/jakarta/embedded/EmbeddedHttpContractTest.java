package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.http.EndpointLimits;
import dev.statefun.jakarta.jaxrs.HttpContractSuite;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP contract ({@link HttpContractSuite}) on the embedded server, on an ephemeral port, with a
 * body limit of 1 MiB. What only the embedded server does (draining, budgets, timeouts, other paths)
 * is tested beside it ({@link EmbeddedServerTest}, {@link ProtectionTest}, {@link SlowClientTest}, ...).
 */
class EmbeddedHttpContractTest extends HttpContractSuite {
  static final long BODY_LIMIT = 1 << 20;
  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withLimits(EndpointLimits.DEFAULTS.withMaxBodyBytes(BODY_LIMIT)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected URI endpoint() {
    return server.uri();
  }

  @Override
  protected String functionType() {
    return "test.fns/counter";
  }

  @Override
  protected long maxBodyBytes() {
    return BODY_LIMIT;
  }
}
