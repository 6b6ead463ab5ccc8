package dev.statefun.jakarta.e2e;

import dev.statefun.jakarta.embedded.testpki.TestPki;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WAR on WildFly, configured for mTLS with exactly the jboss-cli commands of
 * statefun-jaxrs/README-tls.md (Elytron key store, the client CA as a PKCS12 trust store, a
 * server SSL context with {@code need-client-auth=true} on Undertow's {@code https} listener,
 * {@code reload}): the real runtime calls it with a client certificate, and clients without one
 * from the CA are refused. Runs only with {@code -Pe2e-wildfly}.
 */
@Timeout(600)
class WildFlyMutualTlsIT {

  @Test
  void theRuntimeCallsTheWarOverMutualTlsAndAClientWithoutCertificateIsRefused() throws Exception {
    TestPki pki = TestPki.generate(Path.of("target", "wildfly-mtls-pki").toAbsolutePath());
    try (WildFlyServer server = WildFlyServer.fromSystemProperties()) {
      server.start(Duration.ofSeconds(180));
      server.cli("""
          /subsystem=elytron/key-store=statefunKS:add(path=%1$s, type=PKCS12, credential-reference={clear-text=%3$s})
          /subsystem=elytron/key-store=statefunClientCA:add(path=%2$s, type=PKCS12, credential-reference={clear-text=%3$s})
          /subsystem=elytron/key-manager=statefunKM:add(key-store=statefunKS, credential-reference={clear-text=%3$s})
          /subsystem=elytron/trust-manager=statefunTM:add(key-store=statefunClientCA)
          /subsystem=elytron/server-ssl-context=statefunSSC:add(key-manager=statefunKM, trust-manager=statefunTM, need-client-auth=true)
          /subsystem=undertow/server=default-server/https-listener=https:write-attribute(name=ssl-context, value=statefunSSC)
          reload
          """.formatted(pki.serverKeyStore(), pki.caTrustStore(), pki.password()));
      server.deploy(Path.of(System.getProperty("e2e.war")));
      URI endpoint = URI.create("https://127.0.0.1:" + server.httpsPort() + "/war-example/statefun");
      GreeterProbe.await(endpoint, ServerMutualTls.trustedClient(pki), Duration.ofSeconds(120), server.logs());

      ServerMutualTls.assertRefusedWithoutTrustedCertificate(pki, endpoint);
      ServerMutualTls.assertRuntimeCallsTheWar(pki, endpoint, "wildfly-mtls");
    }
  }
}
