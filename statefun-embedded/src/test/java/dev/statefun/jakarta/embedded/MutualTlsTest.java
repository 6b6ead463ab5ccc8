package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.embedded.testpki.TestPki;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.jaxrs.Http;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded server over HTTPS with client certificates required, against the JDK's HTTP client:
 * only a client with a certificate from the configured CA gets an answer.
 */
class MutualTlsTest {
  /** With the TLS handshake: generous, for a loaded machine (bounds a hang, measures nothing). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  static TestPki pki;
  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    pki = TestPki.shared();
    // The client CAs as a PEM file: the same file the runtime gets as trust_cacerts.
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0).withTls(
        TlsConfig.keyStore(pki.serverKeyStore(), pki.password()).withTrustStore(pki.caCertificate(), null)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void listensOnHttps() {
    assertEquals("https://127.0.0.1:" + server.port() + "/statefun", server.uri().toString());
  }

  @Test
  void aClientWithACertificateFromTheCaIsServed() throws Exception {
    HttpResponse<byte[]> response = post(client(pki.clientContext(pki.clientKeyStore())), server.uri(),
        Requests.to("test.fns/counter", "tls-alice").state("count", Types.INT, 6).invoke("hi").bytes());

    assertEquals(200, response.statusCode());
    assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));
    FromFunction reply = Requests.decode(response.body());
    assertEquals(List.of("tls-alice:tls-alice:hi:7"), Requests.sentTo(reply));
    assertEquals(7, Requests.value(Types.INT, reply.getInvocationResult().getStateMutations(0).getStateValue()));
    // The client checked the server's name against its certificate (SAN IP 127.0.0.1).
    X509Certificate serverCertificate = (X509Certificate) response.sslSession().orElseThrow()
        .getPeerCertificates()[0];
    assertTrue(serverCertificate.getSubjectX500Principal().getName().contains("CN=127.0.0.1"),
        serverCertificate.getSubjectX500Principal().getName());
  }

  @Test
  void aClientWithoutACertificateIsRefused() {
    assertThrows(IOException.class, () -> post(client(pki.clientContext(null)), server.uri(), request("no-cert")));
    // Over TLS 1.2 the refusal comes within the handshake, where the client can tell what it was
    // (the JDK's server ends the handshake without an alert).
    assertThrows(SSLHandshakeException.class,
        () -> post(tls12Client(pki.clientContext(null)), server.uri(), request("no-cert")));
  }

  @Test
  void aClientWithACertificateFromAnotherCaIsRefused() {
    // Same subject and same CA name as the trusted client; only the CA's signature differs.
    SSLContext intruder = pki.clientContext(pki.untrustedClientKeyStore());
    assertThrows(IOException.class, () -> post(client(intruder), server.uri(), request("intruder")));
    assertThrows(SSLHandshakeException.class, () -> post(tls12Client(intruder), server.uri(), request("intruder")));
  }

  @Test
  void theTrustedClientIsServedOverTls12Too() throws Exception {
    // So that the TLS 1.2 refusals above are about certificates, not the protocol version.
    HttpResponse<byte[]> response = post(tls12Client(pki.clientContext(pki.clientKeyStore())), server.uri(),
        request("tls12"));
    assertEquals(200, response.statusCode());
    assertEquals("TLSv1.2", response.sslSession().orElseThrow().getProtocol());
    assertEquals(List.of("tls12:tls12:x:1"), Requests.sentTo(Requests.decode(response.body())));
  }

  @Test
  void plainHttpToTheTlsPortFails() throws Exception {
    URI plain = URI.create("http://127.0.0.1:" + server.port() + "/statefun");
    assertThrows(IOException.class, () -> post(client(pki.clientContext(pki.clientKeyStore())), plain,
        request("plain")));

    // What a plain HTTP client gets back: no HTTP response, at most a TLS alert, then the end.
    byte[] body = request("plain");
    String head = "POST /statefun HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n";
    String answer;
    try {
      answer = Http.raw(server.uri(), head, body, Duration.ofSeconds(60));
    } catch (SocketException reset) {
      answer = "";
    }
    assertFalse(answer.startsWith("HTTP/"), answer);
  }

  @Test
  void refusedClientsDoNotDisturbTheServer() throws Exception {
    HttpClient trusted = client(pki.clientContext(pki.clientKeyStore()));
    for (int i = 0; i < 3; i++) {
      assertThrows(IOException.class, () -> post(client(pki.clientContext(null)), server.uri(), request("x")));
      assertThrows(IOException.class,
          () -> post(client(pki.clientContext(pki.untrustedClientKeyStore())), server.uri(), request("y")));
      HttpResponse<byte[]> ok = post(trusted, server.uri(),
          Requests.to("test.fns/counter", "after-" + i).state("count", Types.INT, i).invoke("m").bytes());
      assertEquals(200, ok.statusCode());
      assertEquals(List.of("after-" + i + ":after-" + i + ":m:" + (i + 1)), Requests.sentTo(Requests.decode(ok.body())));
    }
  }

  static byte[] request(String id) {
    return Requests.to("test.fns/counter", id).state("count", Types.INT, 0).invoke("x").bytes();
  }

  /**
   * A client with the JDK's defaults: TLS 1.3, where the server checks the client's certificate
   * after the client has finished its part of the handshake, so the client sees a refusal only as
   * the connection closing without a response.
   */
  static HttpClient client(SSLContext context) {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
        .connectTimeout(CONNECT_TIMEOUT).build();
  }

  static HttpClient tls12Client(SSLContext context) {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
        .sslParameters(new SSLParameters(null, new String[] {"TLSv1.2"}))
        .connectTimeout(CONNECT_TIMEOUT).build();
  }

  static HttpResponse<byte[]> post(HttpClient client, URI uri, byte[] body) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
