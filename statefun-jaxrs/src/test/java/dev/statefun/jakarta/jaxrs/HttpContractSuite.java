package dev.statefun.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.http.EndpointLimits;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.testkit.Requests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's HTTP contract ({@code dev.statefun.jakarta.http.HttpContract} in statefun-core) as
 * a client sees it, written once and run against every adapter and server: the embedded server
 * (statefun-embedded), the JAX-RS resource on Jersey (statefun-jaxrs), the WAR on each application
 * server (war-example) and the example on Quarkus (statefun-quarkus-example). A subclass says where
 * the endpoint is, which function it serves and, when it is not the default, its body limit. What
 * each server did with it: war-example/README.md, "The HTTP contract on each server".
 *
 * <p>Every error is checked to be a short one-line {@code text/plain} body, never a server's HTML
 * page. Public, with public test methods, so that a subclass in another package can override one
 * case for one server (with an assumption that says why) and so that Quarkus can load it.
 */
public abstract class HttpContractSuite {
  /** How long the h2c case waits for each answer. */
  protected static final Duration H2C_TIMEOUT = Duration.ofSeconds(10);
  /** How long the other cases wait for an answer. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(30);
  protected static final String OCTET_STREAM = "application/octet-stream";

  private URI endpoint;

  /** The endpoint's URL, on a loopback address. */
  protected abstract URI endpoint() throws Exception;

  /**
   * A function type the endpoint serves. The suite sends it a batch with one string message and no
   * state, which it answers 200: it asks for its state first, or runs when it declares none.
   */
  protected abstract String functionType();

  /** The endpoint's {@code statefun.max-body-bytes}. */
  protected long maxBodyBytes() {
    return EndpointLimits.DEFAULT_MAX_BODY_BYTES;
  }

  /** A request the endpoint answers 200. */
  protected byte[] validRequest() {
    return Requests.to(functionType(), "contract").invoke("x").bytes();
  }

  @BeforeEach
  void findEndpoint() throws Exception {
    endpoint = endpoint();
  }

  /** Where the tests send their requests, for subclasses' own cases. */
  protected URI uri() {
    return endpoint;
  }

  @Test
  public void aValidRequestIs200WithExactlyOctetStream() {
    assertReply(send(post(validRequest())));
  }

  @Test
  public void aLargeBodyWithinTheLimitIsServed() {
    // 512 KiB: within every target's limit (the smallest here is 1 MiB), far above any server's first buffer.
    byte[] large = Requests.to(functionType(), "large").invoke("x".repeat(512 * 1024)).bytes();
    assertTrue(large.length < maxBodyBytes(), "the request must be within the limit");
    assertReply(send(post(large)));
  }

  @Test
  public void anEmptyBodyIs400() {
    assertError(send(post(new byte[0])), 400, "Empty request body");
  }

  @Test
  public void aMalformedBodyIs400() {
    assertError(send(post(new byte[] {(byte) 0xA2, 0x06, 0x7F, 0x01})), 400, "not a valid ToFunction");
    assertError(send(post(new byte[] {(byte) 0xff, 0x13, 0x07, 0x00})), 400, "not a valid ToFunction");
  }

  @Test
  public void anUnknownFunctionTypeIs404() {
    assertError(send(post(Requests.to("contract.fns/nobody", "x").invoke("x").bytes())), 404,
        "contract.fns/nobody");
  }

  @Test
  public void anErrorBodyStaysShortWhateverTheRequestHolds() {
    String type = "contract.fns/" + "x".repeat(100_000);
    assertError(send(post(Requests.to(type, "x").invoke("x").bytes())), 404, "contract.fns/xxx");
  }

  @Test
  public void otherMethodsAre405WithAllowPost() {
    for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
      HttpRequest.BodyPublisher body = method.equals("PUT") || method.equals("PATCH")
          ? HttpRequest.BodyPublishers.ofByteArray(validRequest()) : HttpRequest.BodyPublishers.noBody();
      HttpRequest.Builder request = request().method(method, body);
      if (method.equals("PUT") || method.equals("PATCH")) {
        request.header("Content-Type", OCTET_STREAM);
      }
      assertNotAllowed(send(request.build()), method);
    }
  }

  @Test
  public void aGetOrDeleteCarryingABodyIs405AndTheConnectionStaysUsable() {
    for (String method : List.of("GET", "DELETE")) {
      HttpResponse<byte[]> response = send(request().header("Content-Type", OCTET_STREAM)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(validRequest())).build());
      assertNotAllowed(response, method);
      // The client keeps the connection: the unread body must not be taken for the next request.
      assertReply(send(post(validRequest())));
    }
  }

  @Test
  public void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSent() throws IOException {
    // Only the head is sent: the answer must come without the server waiting for the body.
    long declared = maxBodyBytes() + 1;
    String head = "POST " + endpoint.getRawPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
        + "\r\nContent-Type: " + OCTET_STREAM + "\r\nContent-Length: " + declared + "\r\n\r\n";
    long started = System.nanoTime();
    String response = Http.raw(endpoint, head, new byte[0], TIMEOUT);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertTrue(response.startsWith("HTTP/1.1 413 "), response);
    int end = response.indexOf("\r\n\r\n");
    assertTrue(end > 0, response);
    List<String> types = response.substring(0, end).lines()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
        .map(line -> line.substring("content-type:".length()).trim()).toList();
    assertEquals(List.of("text/plain;charset=utf-8"),
        types.stream().map(type -> type.replace(" ", "").toLowerCase(Locale.ROOT)).toList(), response);
    String body = response.substring(end + 4);
    assertTrue(body.contains("The request body of " + declared + " bytes is over the limit of " + maxBodyBytes()
        + " bytes"), response);
    assertTrue(body.contains(EndpointLimits.MAX_BODY_BYTES), response);
    assertShortText(body);
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered after " + took);
  }

  @Test
  public void aChunkedBodyOverTheLimitIs413() {
    byte[] big = new byte[Math.toIntExact(maxBodyBytes() + 4096)];
    assertError(send(chunked(big)), 413, "over the limit of " + maxBodyBytes() + " bytes");
  }

  @Test
  public void aChunkedBodyWithinTheLimitIsServed() {
    assertReply(send(chunked(validRequest())));
  }

  @Test
  public void anotherContentTypeIs415() {
    byte[] request = validRequest();
    assertError(send(post(request, "application/json")), 415, "got 'application/json'");
    assertError(send(post(request, "text/plain; charset=UTF-8")), 415, OCTET_STREAM);
    assertError(send(post(request, "application/x-protobuf")), 415, OCTET_STREAM);
    assertError(send(post(request, null)), 415, "got none");
  }

  @Test
  public void aContentEncodingIs415() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(validRequest());
    }
    HttpResponse<byte[]> gzip = send(post(zipped.toByteArray()).header("Content-Encoding", "gzip"));
    assertError(gzip, 415, "Content-Encoding gzip");
    HttpResponse<byte[]> deflate = send(post(validRequest()).header("Content-Encoding", "deflate"));
    assertError(deflate, 415, "Content-Encoding deflate");
    // "identity" is no encoding.
    assertReply(send(post(validRequest()).header("Content-Encoding", "identity")));
  }

  @Test
  public void contentTypeParametersAndCaseAreAccepted() {
    for (String type : List.of("Application/Octet-Stream; foo=bar", "APPLICATION/OCTET-STREAM",
        "application/octet-stream;charset=binary")) {
      HttpResponse<byte[]> response = send(post(validRequest(), type));
      assertEquals(200, response.statusCode(), () -> type + ": " + describe(response));
      assertEquals(List.of(OCTET_STREAM), response.headers().allValues("Content-Type"), type);
    }
  }

  @Test
  public void acceptHeadersChangeNothing() {
    byte[] unknown = Requests.to("contract.fns/nobody", "x").invoke("x").bytes();
    for (String accept : List.of(OCTET_STREAM, "*/*", "application/*", OCTET_STREAM + ", text/plain;q=0.5",
        "text/plain", "application/json", "text/html")) {
      HttpResponse<byte[]> reply = send(post(validRequest()).header("Accept", accept));
      assertEquals(200, reply.statusCode(), () -> "Accept: " + accept + ": " + describe(reply));
      assertEquals(List.of(OCTET_STREAM), reply.headers().allValues("Content-Type"), accept);
      assertError(send(post(unknown).header("Accept", accept)), 404, "contract.fns/nobody");
    }
    // None at all.
    assertReply(send(post(validRequest())));
  }

  /**
   * The JDK's default client prefers HTTP/2 and so asks a plain-HTTP server to upgrade
   * ({@code Upgrade: h2c}): the answer must come, over HTTP/1.1 or HTTP/2, and so must the next one
   * (over the upgraded connection if the server upgraded).
   */
  @Test
  public void aClientAskingForH2cGetsItsAnswerInTime() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    assertEquals(HttpClient.Version.HTTP_2, client.version());
    for (int attempt = 1; attempt <= 2; attempt++) {
      HttpRequest request = request().timeout(H2C_TIMEOUT).header("Content-Type", OCTET_STREAM)
          .POST(HttpRequest.BodyPublishers.ofByteArray(validRequest())).build();
      long started = System.nanoTime();
      HttpResponse<byte[]> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpTimeoutException e) {
        throw new AssertionError("request " + attempt + " with Upgrade: h2c got no answer within " + H2C_TIMEOUT.toSeconds()
            + " s (" + e + ")", e);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      System.out.println(getClass().getSimpleName() + ": h2c request " + attempt + " answered " + response.statusCode()
          + " over " + response.version() + " in " + took.toMillis() + " ms");
      assertReply(response);
    }
  }

  // ---------------------------------------------------------------------------------------------

  protected HttpRequest.Builder request() {
    return HttpRequest.newBuilder(endpoint).timeout(TIMEOUT);
  }

  protected HttpRequest.Builder post(byte[] body) {
    return post(body, OCTET_STREAM);
  }

  protected HttpRequest.Builder post(byte[] body, String contentType) {
    HttpRequest.Builder request = request().POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return request;
  }

  /** A POST of unknown length: the client sends it chunked. */
  protected HttpRequest.Builder chunked(byte[] body) {
    return request().header("Content-Type", OCTET_STREAM)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
  }

  /** Over HTTP/1.1, as the runtime talks, on a connection the client keeps. */
  protected static HttpResponse<byte[]> send(HttpRequest.Builder request) {
    return send(request.build());
  }

  protected static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** 200 with a {@code FromFunction} reply, typed exactly {@code application/octet-stream}. */
  protected static void assertReply(HttpResponse<byte[]> response) {
    assertEquals(200, response.statusCode(), () -> describe(response));
    // Exactly this, without a charset parameter: the runtime rejects anything else.
    assertEquals(List.of(OCTET_STREAM), response.headers().allValues("Content-Type"), () -> describe(response));
    FromFunction reply = Requests.decode(response.body());
    assertTrue(reply.hasInvocationResult() || reply.hasIncompleteInvocationContext(), reply::toString);
  }

  /** The contract's error: this status, one short line of {@code text/plain} containing {@code containing}. */
  protected static void assertError(HttpResponse<byte[]> response, int status, String containing) {
    assertEquals(status, response.statusCode(), () -> describe(response));
    Http.assertError(response, status, containing);
    assertShortText(Http.text(response));
  }

  private static void assertNotAllowed(HttpResponse<byte[]> response, String method) {
    assertError(response, 405, "Method " + method + " is not allowed");
    assertEquals(List.of("POST"), response.headers().allValues("Allow"), method);
  }

  private static void assertShortText(String body) {
    assertFalse(body.isBlank(), "an empty error body");
    assertFalse(body.contains("\n") || body.contains("\r"), () -> "more than one line: " + body);
    assertFalse(body.toLowerCase(Locale.ROOT).contains("<html") || body.toLowerCase(Locale.ROOT).contains("<!doctype"),
        body);
    assertTrue(body.length() < 400, body);
  }

  protected static String describe(HttpResponse<byte[]> response) {
    return response.statusCode() + " " + response.version() + " "
        + response.headers().firstValue("Content-Type").orElse("(no content type)") + ": "
        + new String(response.body(), 0, Math.min(response.body().length, 500), StandardCharsets.UTF_8);
  }
}
