package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.jaxrs.Http;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that stalls mid-request is disconnected after the request timeout (inside its body with a
 * 408 first), and the worker it held serves others again. One worker thread, so a worker held for good would block every later
 * request.
 */
class SlowClientTest {
  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0).withThreads(1)
        .withRequestTimeout(Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @Timeout(60)
  void aClientThatSendsHalfABodyAndStallsIsCutOff() throws IOException {
    byte[] request = Requests.to("test.fns/counter", "slow").state("count", Types.INT, 1).invoke("x").bytes();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /statefun HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
          + "Content-Length: " + request.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(request, 0, request.length / 2);
      out.flush();
      String answer = readUntilClosed(socket);
      assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
      assertTrue(answer.contains("did not arrive in time"), answer);
    }
    assertServing();
  }

  @Test
  @Timeout(60)
  void aClientThatStallsInItsHeadersIsCutOff() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write("POST /statefun HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertClosedByServer(socket);
    }
    assertServing();
  }

  /** Everything the server sends until it closes the connection; a hang fails with a socket timeout. */
  private static String readUntilClosed(Socket socket) throws IOException {
    socket.setSoTimeout(20_000);
    try {
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept a stalled request open for 20 s", e);
    }
  }

  /** The server closes the connection without answering; a hang fails with a socket timeout. */
  private static void assertClosedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(20_000);
    InputStream in = socket.getInputStream();
    try {
      byte[] buffer = new byte[1024];
      int n = in.read(buffer);
      assertEquals(-1, n, () -> "expected the connection closed, got " + new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept a stalled request open for 20 s", e);
    } catch (SocketException e) {
      // A connection reset: cut off as well.
    }
  }

  private static void assertServing() {
    byte[] request = Requests.to("test.fns/counter", "fast").state("count", Types.INT, 1).invoke("x").bytes();
    var response = Http.post(server.uri(), request);
    assertEquals(200, response.statusCode());
    assertEquals(List.of("fast:fast:x:2"), Requests.sentTo(Requests.decode(response.body())));
  }
}
