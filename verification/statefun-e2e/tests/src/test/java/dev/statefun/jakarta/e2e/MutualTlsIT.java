package dev.statefun.jakarta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.e2e.driver.EgressRecord;
import dev.statefun.jakarta.e2e.driver.RemoteEndpoint;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import dev.statefun.jakarta.example.Greeter;
import dev.statefun.jakarta.example.Greets;
import dev.statefun.jakarta.example.Inbox;
import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import dev.statefun.jakarta.embedded.TlsConfig;
import dev.statefun.jakarta.embedded.testpki.TestPki;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real runtime calls the example functions on the embedded server over HTTPS, authenticating
 * with a client certificate that the server requires. The greeter and the inbox sit behind two
 * endpoint definitions, so that both ways of giving the runtime its key are used: an unencrypted
 * PKCS#8 key, and an encrypted one with {@code client_key_password} (a file holding the password).
 */
@Timeout(300)
class MutualTlsIT {
  static final Duration FIRST_CALL = Duration.ofSeconds(120);

  @Test
  void theRuntimeCallsTheFunctionsOverMutualTls() {
    TestPki pki = TestPki.generate(Path.of("target", "mtls-it-pki").toAbsolutePath());
    EmbeddedServerConfig config = EmbeddedServerConfig.defaults().withPort(0)
        .withTls(TlsConfig.keyStore(pki.serverKeyStore(), pki.password()).withTrustStore(pki.caCertificate(), null));
    try (EmbeddedServer server = EmbeddedServer.start(config)) {
      URI url = server.uri();
      assertEquals("https", url.getScheme());
      String yaml = endpoint(Greeter.TYPE, url, pki.caCertificate().toString(), pki.clientCertificate().toString(),
          pki.clientKey().toString(), null)
          + "---\n"
          // file: URLs work as well as plain paths.
          + endpoint(Inbox.TYPE, url, pki.caCertificate().toUri().toString(),
              pki.clientCertificate().toUri().toString(), pki.clientEncryptedKey().toUri().toString(),
              pki.clientKeyPasswordFile().toUri().toString());

      try (StatefunRuntime runtime = StatefunRuntime.builder()
          .name("mtls")
          .moduleYaml(yaml)
          .egress(Greets.EGRESS.canonical())
          .start()) {
        runtime.sendString(Greeter.TYPE, "Tess", "Tess");
        runtime.sendString(Greeter.TYPE, "Tess", "Tess");

        // The greeter's own egress record: its endpoint (unencrypted key) answered.
        await(runtime, "greetings", "Tess", "Hello Tess for the 2nd time!");
        // The inbox's record: the greeter's message went on over the other endpoint (encrypted key).
        await(runtime, "inbox", "Tess", "2: Hello Tess for the 2nd time!");
        assertEquals(List.of("Hello Tess for the 1st time!", "Hello Tess for the 2nd time!"),
            texts(runtime, "greetings", "Tess"));
        assertEquals(0, runtime.stop(), "the runtime stops cleanly");
      }
    }
  }

  /**
   * An HTTP endpoint on the async (Netty) transport with TLS: {@code trust_cacerts} verifies the
   * server, {@code client_cert} and {@code client_key} (PEM, PKCS#8) authenticate the runtime.
   */
  static String endpoint(String functions, URI url, String trustCaCerts, String clientCert, String clientKey,
      String clientKeyPassword) {
    return new RemoteEndpoint(functions, url, Duration.ofSeconds(30)).toYaml()
        + "    trust_cacerts: " + trustCaCerts + "\n"
        + "    client_cert: " + clientCert + "\n"
        + "    client_key: " + clientKey + "\n"
        + (clientKeyPassword == null ? "" : "    client_key_password: " + clientKeyPassword + "\n");
  }

  private static EgressRecord await(StatefunRuntime runtime, String topic, String key, String text) {
    return runtime.awaitEgress(topic + "/" + key + ": " + text,
        r -> matches(r, topic, key) && r.text().equals(text), FIRST_CALL);
  }

  private static List<String> texts(StatefunRuntime runtime, String topic, String key) {
    return runtime.egressRecords().stream().filter(r -> matches(r, topic, key)).map(EgressRecord::text).toList();
  }

  private static boolean matches(EgressRecord record, String topic, String key) {
    return record.typeName().equals(EgressRecord.KAFKA_TYPE)
        && record.kafkaRecord().topic().equals(topic)
        && record.kafkaRecord().key().equals(key);
  }
}
