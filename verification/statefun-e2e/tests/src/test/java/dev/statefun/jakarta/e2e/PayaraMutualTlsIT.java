package dev.statefun.jakarta.e2e;

import dev.statefun.jakarta.embedded.testpki.TestPki;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WAR on Payara Server, configured for mTLS with exactly the commands of
 * statefun-jaxrs/README-tls.md (the server key imported into the domain's keystore.p12, the
 * client CA into its cacerts.p12, {@code http-listener-2} pointed at the key and requiring client
 * certificates, the domain restarted): the real runtime calls it with a client certificate, and
 * clients without one from the CA are refused. Runs only with {@code -Pe2e-payara}.
 */
@Timeout(600)
class PayaraMutualTlsIT {
  private static final String LISTENER_SSL =
      "configs.config.server-config.network-config.protocols.protocol.http-listener-2.ssl.";

  @Test
  void theRuntimeCallsTheWarOverMutualTlsAndAClientWithoutCertificateIsRefused() throws Exception {
    TestPki pki = TestPki.generate(Path.of("target", "payara-mtls-pki").toAbsolutePath());
    try (PayaraServer server = PayaraServer.fromSystemProperties()) {
      server.prepareDomain();
      Path config = server.domain().resolve("config");
      String master = PayaraServer.MASTER_PASSWORD;
      server.keytool("-importkeystore", "-srckeystore", pki.serverKeyStore().toString(), "-srcstoretype", "PKCS12",
          "-srcalias", "server", "-srcstorepass", pki.password(),
          "-destkeystore", config.resolve("keystore.p12").toString(), "-deststoretype", "PKCS12",
          "-destalias", "statefun-server", "-deststorepass", master, "-noprompt");
      server.keytool("-importcert", "-alias", "statefun-client-ca", "-file", pki.caCertificate().toString(),
          "-keystore", config.resolve("cacerts.p12").toString(), "-storepass", master, "-noprompt");
      server.asadmin("start-domain", "domain1");
      server.asadmin("set", LISTENER_SSL + "cert-nickname=statefun-server");
      server.asadmin("set", LISTENER_SSL + "client-auth-enabled=true");
      server.asadmin("restart-domain", "domain1");
      server.asadmin("deploy", "--contextroot", "war-example", "--name", "war-example", System.getProperty("e2e.war"));
      URI endpoint = URI.create("https://127.0.0.1:" + server.httpsPort() + "/war-example/statefun");
      GreeterProbe.await(endpoint, ServerMutualTls.trustedClient(pki), Duration.ofSeconds(120), server.logs());

      ServerMutualTls.assertRefusedWithoutTrustedCertificate(pki, endpoint);
      ServerMutualTls.assertRuntimeCallsTheWar(pki, endpoint, "payara-mtls");
    }
  }
}
