package dev.statefun.jakarta.benchmarks.http;

import dev.statefun.jakarta.benchmarks.OfficialGreeter;
import dev.statefun.jakarta.benchmarks.Replies;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.statefun.sdk.java.slice.Slices;

/**
 * The HTTP benchmark's fairness check, run before anything is measured: every contender must answer each
 * request file with 200, {@code Content-Type} exactly {@code application/octet-stream}, and a reply that
 * decodes equal to the official SDK's reply computed in this JVM ({@link Replies#requireSame}, which
 * ignores only the order of state mutations).
 *
 * <p>{@code ReplyCheck <request file> name=url [name=url...]}; exits non-zero naming the first difference.
 */
public final class ReplyCheck {
  private ReplyCheck() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: ReplyCheck <request file> name=url [name=url...]");
    }
    byte[] request = Files.readAllBytes(Path.of(args[0]));
    byte[] expected = OfficialGreeter.handler().handle(Slices.wrap(request)).join().toByteArray();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    for (int i = 1; i < args.length; i++) {
      String[] contender = args[i].split("=", 2);
      String problem = check(client, URI.create(contender[1]), request, expected, contender[0]);
      if (problem != null) {
        System.err.println("reply check FAILED for " + contender[0] + " (" + contender[1] + "): " + problem);
        System.exit(1);
      }
    }
  }

  private static String check(HttpClient client, URI uri, byte[] request, byte[] expected, String name)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response = client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      return "status " + response.statusCode() + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
    List<String> types = response.headers().allValues("Content-Type");
    if (!types.equals(List.of("application/octet-stream"))) {
      return "Content-Type " + types + ", expected exactly [application/octet-stream]";
    }
    try {
      Replies.requireSame("the official SDK in process", expected, name, response.body());
    } catch (IllegalStateException | IllegalArgumentException e) {
      return e.getMessage();
    }
    System.out.printf("reply check ok: %-9s %d bytes (official SDK: %d bytes, %s)%n", name, response.body().length,
        expected.length, java.util.Arrays.equals(expected, response.body()) ? "byte-identical" : "same when decoded");
    return null;
  }
}
