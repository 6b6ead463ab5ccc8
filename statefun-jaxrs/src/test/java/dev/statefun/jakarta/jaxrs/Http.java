package dev.statefun.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Real HTTP against a server on 127.0.0.1: the JDK client, and a raw socket for what it cannot send. */
public final class Http {
  public static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  public static HttpResponse<byte[]> post(URI uri, byte[] body) {
    return post(uri, body, "application/octet-stream");
  }

  public static HttpResponse<byte[]> post(URI uri, byte[] body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  public static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError("request to " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code head} (request line and headers, CRLF-separated, ending with an empty line) and
   * {@code body} on a fresh socket, then reads whatever the server sends until it closes the
   * connection or {@code readTimeout} passes (then a SocketTimeoutException).
   */
  public static String raw(URI server, String head, byte[] body, Duration readTimeout) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout((int) readTimeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      // Read the status line and headers, then as much body as Content-Length says (or until close).
      int n;
      while ((n = in.read(buffer)) >= 0) {
        received.write(buffer, 0, n);
        String sofar = received.toString(StandardCharsets.ISO_8859_1);
        int end = sofar.indexOf("\r\n\r\n");
        if (end >= 0) {
          int length = contentLength(sofar.substring(0, end));
          if (length >= 0 && received.size() >= end + 4 + length) {
            break;
          }
        }
      }
      return received.toString(StandardCharsets.UTF_8);
    }
  }

  private static int contentLength(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return -1;
  }

  /** A one-line plain-text error body with this status, containing {@code containing}. */
  public static void assertError(HttpResponse<byte[]> response, int status, String containing) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertEquals(status, response.statusCode(), body);
    List<String> type = response.headers().allValues("Content-Type");
    assertEquals(1, type.size(), body);
    assertEquals("text/plain;charset=utf-8", type.get(0).replace(" ", "").toLowerCase(), body);
    assertTrue(body.contains(containing), "expected '" + containing + "' in: " + body);
    assertFalse(body.contains("<html"), body);
    assertTrue(body.length() < 400, body);
  }
}
