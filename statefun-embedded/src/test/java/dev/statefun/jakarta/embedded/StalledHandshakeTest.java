package dev.statefun.jakarta.embedded;

import static dev.statefun.jakarta.embedded.MutualTlsTest.client;
import static dev.statefun.jakarta.embedded.MutualTlsTest.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.embedded.testpki.TestPki;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that opens a TLS connection and stalls inside the handshake is cut off after the request
 * timeout, and the only worker thread serves others again.
 */
class StalledHandshakeTest {
  static TestPki pki;
  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    pki = TestPki.shared();
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0).withThreads(1)
        .withRequestTimeout(Duration.ofSeconds(1))
        .withTls(TlsConfig.keyStore(pki.serverKeyStore(), pki.password()).withTrustStore(pki.caCertificate(), null)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Timeout(120)
  void aHalfSentClientHelloIsCutOff() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      // A TLS handshake record header announcing 512 bytes, then nothing.
      out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
      out.flush();
      assertClosedByServer(socket);
    }
    HttpResponse<byte[]> response = post(client(pki.clientContext(pki.clientKeyStore())), server.uri(),
        Requests.to("test.fns/counter", "after-stall").state("count", Types.INT, 1).invoke("x").bytes());
    assertEquals(200, response.statusCode());
    assertEquals(List.of("after-stall:after-stall:x:2"), Requests.sentTo(Requests.decode(response.body())));
  }

  /** The server closes the connection; a hang fails with a socket timeout. */
  private static void assertClosedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(45_000);
    InputStream in = socket.getInputStream();
    try {
      byte[] buffer = new byte[1024];
      int n;
      do {
        n = in.read(buffer); // at most a TLS alert, then the end
      } while (n > 0 && buffer[0] == 0x15);
      assertEquals(-1, n, "expected the connection closed");
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept a stalled handshake open for 45 s", e);
    } catch (SocketException e) {
      // A connection reset: cut off as well.
    }
  }
}
