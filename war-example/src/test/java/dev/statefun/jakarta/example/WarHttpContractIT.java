package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.statefun.jakarta.jaxrs.HttpContractSuite;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP contract ({@link HttpContractSuite}, from statefun-jaxrs's test-jar) against the packaged
 * WAR on the profile's server, with the default limits, the greeter as the function it calls. A case
 * a server fails for a reason of its own is overridden below for that server only, with an
 * assumption that says what was seen (the settings that change it: war-example/README.md, "The HTTP
 * contract on each server").
 */
@ExtendWith(ArquillianExtension.class)
class WarHttpContractIT extends HttpContractSuite {

  @Deployment(testable = false)
  static WebArchive war() {
    return WarDeployment.packagedWar();
  }

  @ArquillianResource
  URL deploymentUrl;

  @Override
  protected URI endpoint() throws Exception {
    return Wire.endpoint(deploymentUrl);
  }

  @Override
  protected String functionType() {
    return Greeter.TYPE;
  }

  /** The servers whose HTTP listener is Grizzly's (GlassFish 7 and 8, Payara Server, Payara Micro). */
  static final Set<String> GRIZZLY = Set.of("glassfish", "payara-server", "payara-micro");

  /** The Arquillian container the profile launched: wildfly, payara-micro, liberty, glassfish, payara-server. */
  static String server() {
    return System.getProperty("arquillian.launch", "unknown");
  }

  @Override
  @Test
  public void aGetOrDeleteCarryingABodyIs405AndTheConnectionStaysUsable() {
    assumeFalse(GRIZZLY.contains(server()), "On " + server() + " Grizzly answers a GET or DELETE that carries a body"
        + " with its own 400 Bad Request (no body, no Content-Type) before the application sees it: the http element's"
        + " allow-payload-for-undefined-http-methods is false by default. Seen 2026-12-06 on GlassFish 7.0.21 and 8.0.0,"
        + " Payara Server 6.2025.9 and Payara Micro 6.2025.10: '400 HTTP_1_1 (no content type)' for GET with a body");
    super.aGetOrDeleteCarryingABodyIs405AndTheConnectionStaysUsable();
  }

  @Override
  @Test
  public void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSent() throws IOException {
    assumeFalse(server().equals("wildfly"), WILDFLY_CAP + " A head declaring 33554433 bytes (the endpoint's 32 MiB"
        + " limit + 1) got 'HTTP/1.1 400 Bad Request', 'Content-Length: 0', 'Connection: close' in 29 ms (2026-12-06)");
    super.aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSent();
  }

  @Override
  @Test
  public void aChunkedBodyOverTheLimitIs413() {
    assumeFalse(server().equals("wildfly"), WILDFLY_CAP + " A chunked body of 32 MiB + 4 KiB got the connection closed"
        + " without an answer, in 0.5 s: 'java.io.IOException: HTTP/1.1 header parser received no bytes' (2026-12-06)");
    super.aChunkedBodyOverTheLimitIs413();
  }

  private static final String WILDFLY_CAP = "WildFly 39's HTTP listener refuses a body over its max-post-size"
      + " (10485760 bytes by default) itself, below the endpoint's 32 MiB, before the endpoint sees it.";
}
