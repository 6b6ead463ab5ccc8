package dev.statefun.jakarta.e2e;

import dev.statefun.jakarta.embedded.testpki.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WAR on Open Liberty, configured for mTLS exactly as statefun-jaxrs/README-tls.md documents
 * (transportSecurity-1.0, a PKCS12 key store, the client CA as a PKCS12 trust store,
 * {@code clientAuthentication="true"}, passwords from the environment, plain HTTP off): the real
 * runtime calls it with a client certificate, and a client without one is refused. Runs only with
 * {@code -Pe2e-liberty}.
 */
@Timeout(600)
class LibertyMutualTlsIT {

  @Test
  void theRuntimeCallsTheWarOverMutualTlsAndAClientWithoutCertificateIsRefused() throws Exception {
    TestPki pki = TestPki.generate(Path.of("target", "liberty-mtls-pki").toAbsolutePath());
    int httpsPort = Integer.getInteger("e2e.liberty.https.port", 19443);
    LibertyServer server = LibertyServer.fromSystemProperties()
        .withEnvironment("SERVER_PW", pki.password())
        .withEnvironment("CA_PW", pki.password());
    Path override = server.configOverrides().resolve("statefun-mtls.xml");
    Files.createDirectories(override.getParent());
    Files.writeString(override, """
        <server>
          <featureManager>
            <feature>transportSecurity-1.0</feature>
          </featureManager>
          <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="-1" httpsPort="%d"/>
          <keyStore id="statefunKeyStore" location="%s" type="PKCS12" password="${env.SERVER_PW}"/>
          <keyStore id="statefunClientCAs" location="%s" type="PKCS12" password="${env.CA_PW}"/>
          <ssl id="defaultSSLConfig" keyStoreRef="statefunKeyStore" trustStoreRef="statefunClientCAs"
               clientAuthentication="true"/>
        </server>
        """.formatted(httpsPort, pki.serverKeyStore(), pki.caTrustStore()));
    URI endpoint = URI.create("https://127.0.0.1:" + httpsPort + "/war-example/statefun");
    try (server) {
      server.start(Path.of(System.getProperty("e2e.war")), "war-example", endpoint, ServerMutualTls.trustedClient(pki),
          Duration.ofSeconds(180));
      ServerMutualTls.assertRefusedWithoutTrustedCertificate(pki, endpoint);
      ServerMutualTls.assertRuntimeCallsTheWar(pki, endpoint, "liberty-mtls");
    } finally {
      // The Liberty directory is shared with LibertyExamplesIT, which serves plain HTTP.
      Files.deleteIfExists(override);
    }
  }
}
