package dev.statefun.jakarta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.e2e.driver.EgressRecord;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import dev.statefun.jakarta.example.Greeter;
import dev.statefun.jakarta.example.Greets;
import dev.statefun.jakarta.embedded.testpki.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    HttpClient trusted = HttpClient.newBuilder().sslContext(pki.clientContext(pki.clientKeyStore()))
        .connectTimeout(Duration.ofSeconds(2)).build();
    try (server) {
      server.start(Path.of(System.getProperty("e2e.war")), "war-example", endpoint, trusted, Duration.ofSeconds(180));

      // No client certificate: the handshake fails, no HTTP answer at all.
      HttpClient noCertificate = HttpClient.newBuilder().sslContext(pki.clientContext(null))
          .connectTimeout(Duration.ofSeconds(2)).build();
      assertThrows(IOException.class, () -> noCertificate.send(HttpRequest.newBuilder(endpoint)
          .header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})).build(), HttpResponse.BodyHandlers.ofString()));
      // A certificate from a look-alike CA (same name, other key) is refused too.
      HttpClient untrusted = HttpClient.newBuilder().sslContext(pki.clientContext(pki.untrustedClientKeyStore()))
          .connectTimeout(Duration.ofSeconds(2)).build();
      assertThrows(IOException.class, () -> untrusted.send(HttpRequest.newBuilder(endpoint)
          .header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})).build(), HttpResponse.BodyHandlers.ofString()));

      // Every example function behind this endpoint: the greeter sends to the inbox.
      String yaml = MutualTlsIT.endpoint("com.example.fns/*", endpoint, pki.caCertificate().toString(),
          pki.clientCertificate().toString(), pki.clientKey().toString(), null);
      try (StatefunRuntime runtime = StatefunRuntime.builder()
          .name("liberty-mtls")
          .moduleYaml(yaml)
          .egress(Greets.EGRESS.canonical())
          .start()) {
        runtime.sendString(Greeter.TYPE, "Lia", "Lia");
        runtime.sendString(Greeter.TYPE, "Lia", "Lia");
        runtime.awaitEgress("greetings/Lia: Hello Lia for the 2nd time!",
            r -> isGreeting(r) && r.text().equals("Hello Lia for the 2nd time!"), MutualTlsIT.FIRST_CALL);
        assertEquals(List.of("Hello Lia for the 1st time!", "Hello Lia for the 2nd time!"),
            runtime.egressRecords().stream().filter(LibertyMutualTlsIT::isGreeting).map(EgressRecord::text).toList());
        assertEquals(0, runtime.stop(), "the runtime stops cleanly");
      }
    } finally {
      // The Liberty directory is shared with LibertyExamplesIT, which serves plain HTTP.
      Files.deleteIfExists(override);
    }
  }

  private static boolean isGreeting(EgressRecord record) {
    return record.typeName().equals(EgressRecord.KAFKA_TYPE)
        && record.kafkaRecord().topic().equals("greetings")
        && record.kafkaRecord().key().equals("Lia");
  }
}
