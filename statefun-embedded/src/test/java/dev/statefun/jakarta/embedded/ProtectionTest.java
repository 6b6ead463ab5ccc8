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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What protects the embedded server from slow or greedy clients: bodies are read without holding a
 * thread, the bytes of bodies held at once are bounded (503 with {@code Retry-After} beyond), a heap
 * that runs out is a contract answer, and a client asking to upgrade to h2c is answered at once.
 *
 * <p>One worker thread, and functions run on it ({@code blockingFunctions}): a body read that held a
 * worker would starve every function. The request timeout (30 s) is longer than any client timeout
 * here, so an answer that only came after a stalled client was cut off fails the test.
 */
class ProtectionTest {
  static final int BUDGET = 64 * 1024;
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0).withThreads(1)
        .withBlockingFunctions(true).withMaxInFlightBodyBytes(BUDGET));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @Timeout(120)
  void clientsTricklingTheirBodiesHoldNoThread() throws Exception {
    byte[] request = Requests.to("test.fns/counter", "trickle").invoke("x").bytes();
    List<Socket> tricklers = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Socket socket = new Socket("127.0.0.1", server.port());
        tricklers.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(head(request.length).getBytes(StandardCharsets.ISO_8859_1));
        out.write(request, 0, 1);
        out.flush();
      }
      for (int i = 0; i < 20; i++) {
        HttpResponse<byte[]> answer = post(Requests.to("test.fns/counter", "valid").invoke("y").bytes());
        assertEquals(200, answer.statusCode(), Http.text(answer));
      }
      // Every trickler can still finish its request: none was refused or cut off meanwhile.
      for (Socket socket : tricklers) {
        socket.getOutputStream().write(request, 1, request.length - 1);
        socket.getOutputStream().flush();
      }
      for (Socket socket : tricklers) {
        String answer = readAnswer(socket);
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
      }
    } finally {
      for (Socket socket : tricklers) {
        socket.close();
      }
    }
  }

  @Test
  @Timeout(120)
  void bodiesBeyondTheBudgetAre503WithRetryAfterUntilItFrees() throws Exception {
    byte[] large = Requests.to("test.fns/counter", "large").invoke("z".repeat(40_000)).bytes();
    byte[] small = Requests.to("test.fns/counter", "small").invoke("s").bytes();
    try (Socket holder = new Socket("127.0.0.1", server.port())) {
      // 40 kB of the 64 kiB budget held by a body that has not arrived whole.
      OutputStream out = holder.getOutputStream();
      out.write(head(large.length).getBytes(StandardCharsets.ISO_8859_1));
      out.write(large, 0, 100);
      out.flush();
      // The server reserves the held body's bytes as it reads its head: wait until a second large one is refused.
      HttpResponse<byte[]> refused = awaitRefusal(large);
      Http.assertError(refused, 503, "budget");
      assertEquals(List.of("1"), refused.headers().allValues("Retry-After"));
      assertEquals(200, post(small).statusCode(), "a small body still fits beside the held one");

      out.write(large, 100, large.length - 100);
      out.flush();
      String answer = readAnswer(holder);
      assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
    }
    assertEquals(200, post(large).statusCode(), "the budget is free again once the held body is answered");
  }

  @Test
  void aHeapThatRunsOutIsA503NotAnErrorPage() {
    HttpResponse<byte[]> answer = post(Requests.to("test.fns/out-of-memory", "a").invoke("x").bytes());
    Http.assertError(answer, 503, "ran out of memory");
    assertEquals(List.of("1"), answer.headers().allValues("Retry-After"));
    assertEquals(200, post(Requests.to("test.fns/counter", "after").invoke("x").bytes()).statusCode());
  }

  @Test
  void aClientAskingForH2cIsAnsweredAtOnceOverHttp11() throws Exception {
    // The JDK client's default: HTTP/2 preferred, so a plain-HTTP POST carries Upgrade: h2c.
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertEquals(HttpClient.Version.HTTP_2, client.version());
    byte[] request = Requests.to("test.fns/counter", "h2c").state("count", Types.INT, 1).invoke("x").bytes();
    HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(server.uri()).timeout(CLIENT_TIMEOUT)
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(request))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, answer.statusCode(), Http.text(answer));
    assertEquals(HttpClient.Version.HTTP_1_1, answer.version());
    assertEquals(List.of("h2c:h2c:x:2"), Requests.sentTo(Requests.decode(answer.body())));
  }

  /** Posts {@code large} until the server, busy reading the held body's head, refuses it. */
  private static HttpResponse<byte[]> awaitRefusal(byte[] large) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      HttpResponse<byte[]> answer = post(large);
      if (answer.statusCode() != 200) {
        return answer;
      }
    }
    throw new AssertionError("a body beyond the budget was never refused");
  }

  private static HttpResponse<byte[]> post(byte[] body) {
    return Http.send(HttpRequest.newBuilder(server.uri()).timeout(CLIENT_TIMEOUT)
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build());
  }

  private static String head(int length) {
    return "POST /statefun HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: "
        + length + "\r\n\r\n";
  }

  /** The status line and headers of one answer (the body is not needed). */
  private static String readAnswer(Socket socket) throws IOException {
    socket.setSoTimeout((int) CLIENT_TIMEOUT.toMillis());
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      head.append((char) b);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }
}
