package dev.statefun.jakarta.example;

import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.testkit.Requests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the StateFun runtime does on the wire: ToFunction bytes (built with statefun-core's test-jar
 * {@link Requests}) POSTed to the endpoint of a deployed example, and its reply read back.
 */
final class Wire {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      // HTTP/1.1, as the runtime talks (Java's default would upgrade to HTTP/2 where the server offers it).
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private Wire() {}

  /** The endpoint of the deployed WAR; refuses anything but a loopback address. */
  static URI endpoint(URL deploymentBase) throws IOException {
    if (!InetAddress.getByName(deploymentBase.getHost()).isLoopbackAddress()) {
      throw new IllegalStateException("The server reported " + deploymentBase + ", which is not a loopback address;"
          + " the tests talk to 127.0.0.1 only");
    }
    return URI.create(deploymentBase.toExternalForm().replaceAll("/?$", "/")).resolve("statefun");
  }

  static HttpResponse<byte[]> post(URI endpoint, String contentType, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType)
        .header("Accept", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + endpoint + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static FromFunction reply(HttpResponse<byte[]> response) {
    return Requests.decode(response.body());
  }
}
