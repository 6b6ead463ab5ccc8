package dev.statefun.jakarta.embedded;

import static dev.statefun.jakarta.embedded.MutualTlsTest.client;
import static dev.statefun.jakarta.embedded.MutualTlsTest.post;
import static dev.statefun.jakarta.embedded.MutualTlsTest.request;
import static dev.statefun.jakarta.embedded.MutualTlsTest.tls12Client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.embedded.testpki.TestPki;
import dev.statefun.jakarta.testkit.Requests;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The other TLS set-ups: HTTPS alone, and client CAs from a PKCS12 trust store. */
class TlsVariantsTest {
  static TestPki pki;

  @BeforeAll
  static void certificates() {
    pki = TestPki.shared();
  }

  @Test
  void httpsWithoutClientCertificates() throws Exception {
    try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withTls(TlsConfig.keyStore(pki.serverKeyStore(), pki.password())))) {
      assertEquals("https", server.uri().getScheme());

      HttpResponse<byte[]> anonymous = post(client(pki.clientContext(null)), server.uri(), request("anon"));
      assertEquals(200, anonymous.statusCode());
      assertEquals(List.of("anon:anon:x:1"), Requests.sentTo(Requests.decode(anonymous.body())));
      // A client that offers a certificate anyway is served all the same.
      HttpResponse<byte[]> withCertificate = post(client(pki.clientContext(pki.untrustedClientKeyStore())),
          server.uri(), request("offered"));
      assertEquals(200, withCertificate.statusCode());
      // A client that does not trust the test CA refuses the server.
      assertThrows(SSLHandshakeException.class,
          () -> post(client(TestPki.defaultClientContext()), server.uri(), request("sceptic")));
    }
  }

  @Test
  void clientCasFromAPkcs12TrustStore() throws Exception {
    try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withTls(TlsConfig.keyStore(pki.serverKeyStore(), pki.password())
            .withTrustStore(pki.caTrustStore(), pki.password())))) {
      HttpResponse<byte[]> trusted = post(client(pki.clientContext(pki.clientKeyStore())), server.uri(),
          request("p12"));
      assertEquals(200, trusted.statusCode());
      assertEquals(List.of("p12:p12:x:1"), Requests.sentTo(Requests.decode(trusted.body())));

      assertThrows(IOException.class, () -> post(client(pki.clientContext(null)), server.uri(), request("none")));
      assertThrows(SSLHandshakeException.class,
          () -> post(tls12Client(pki.clientContext(pki.untrustedClientKeyStore())), server.uri(), request("rogue")));
    }
  }
}
