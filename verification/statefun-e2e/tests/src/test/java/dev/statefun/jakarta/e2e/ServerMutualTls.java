package dev.statefun.jakarta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.e2e.driver.EgressRecord;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import dev.statefun.jakarta.embedded.testpki.TestPki;
import dev.statefun.jakarta.example.Greeter;
import dev.statefun.jakarta.example.Greets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * What every application server's mTLS test checks once the WAR serves over HTTPS with client
 * certificates required: clients without a certificate, or with one from a look-alike CA, get no
 * HTTP answer; the real runtime, with its certificate, calls the example functions.
 */
final class ServerMutualTls {
  private ServerMutualTls() {}

  /** The HTTP client of the trusted runtime: the test CA's client certificate. */
  static HttpClient trustedClient(TestPki pki) {
    return HttpClient.newBuilder().sslContext(pki.clientContext(pki.clientKeyStore()))
        .connectTimeout(Duration.ofSeconds(2)).build();
  }

  static void assertRefusedWithoutTrustedCertificate(TestPki pki, URI endpoint) {
    // No client certificate: the handshake fails, no HTTP answer at all.
    assertRefused(pki, endpoint, null);
    // A certificate from a look-alike CA (same name, other key) is refused too.
    assertRefused(pki, endpoint, pki.untrustedClientKeyStore());
  }

  private static void assertRefused(TestPki pki, URI endpoint, java.nio.file.Path keyStore) {
    HttpClient client = HttpClient.newBuilder().sslContext(pki.clientContext(keyStore))
        .connectTimeout(Duration.ofSeconds(2)).build();
    assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})).build(), HttpResponse.BodyHandlers.ofString()),
        () -> "a client with " + (keyStore == null ? "no certificate" : keyStore) + " got an HTTP answer");
  }

  /** Every example function behind one endpoint: the greeter, called twice, sends to the inbox. */
  static void assertRuntimeCallsTheWar(TestPki pki, URI endpoint, String name) {
    String yaml = MutualTlsIT.endpoint("com.example.fns/*", endpoint, pki.caCertificate().toString(),
        pki.clientCertificate().toString(), pki.clientKey().toString(), null);
    try (StatefunRuntime runtime = StatefunRuntime.builder()
        .name(name)
        .moduleYaml(yaml)
        .egress(Greets.EGRESS.canonical())
        .start()) {
      runtime.sendString(Greeter.TYPE, "Lia", "Lia");
      runtime.sendString(Greeter.TYPE, "Lia", "Lia");
      runtime.awaitEgress("greetings/Lia: Hello Lia for the 2nd time!",
          r -> isGreeting(r) && r.text().equals("Hello Lia for the 2nd time!"), MutualTlsIT.FIRST_CALL);
      runtime.awaitEgress("inbox/Lia: 2: Hello Lia for the 2nd time!",
          r -> r.typeName().equals(EgressRecord.KAFKA_TYPE) && r.kafkaRecord().topic().equals("inbox")
              && r.text().equals("2: Hello Lia for the 2nd time!"), MutualTlsIT.FIRST_CALL);
      assertEquals(List.of("Hello Lia for the 1st time!", "Hello Lia for the 2nd time!"),
          runtime.egressRecords().stream().filter(ServerMutualTls::isGreeting).map(EgressRecord::text).toList());
      assertEquals(0, runtime.stop(), "the runtime stops cleanly");
    }
  }

  private static boolean isGreeting(EgressRecord record) {
    return record.typeName().equals(EgressRecord.KAFKA_TYPE)
        && record.kafkaRecord().topic().equals("greetings")
        && record.kafkaRecord().key().equals("Lia");
  }
}
