package dev.statefun.jakarta.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.fuzz.http.Framing;
import dev.statefun.jakarta.fuzz.http.RawHttp;
import dev.statefun.jakarta.fuzz.http.Reference;
import dev.statefun.jakarta.fuzz.http.Requests;
import dev.statefun.jakarta.fuzz.http.Transport;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.http.EndpointLimits;
import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the endpoint's HTTP contract over real HTTP: the embedded server (Weld SE and Undertow,
 * the contract of {@code HttpContract}, as the JAX-RS resource of a WAR) serves two script-driven
 * functions on 127.0.0.1, and each fuzz input becomes one request,
 * sent by the JDK HttpClient (fixed-length or streamed body) or written byte by byte on a socket
 * with deliberately wrong framing ({@link Framing}); method, path, Content-Type and Accept vary too.
 *
 * <p>Each reply is checked against the contract: a complete body gets the status that an
 * in-process handler's outcome maps to ({@link Reference}): 200 with exactly
 * {@code application/octet-stream} and the same {@code FromFunction}, 400 malformed or empty, 404
 * unknown function, 413 over the body limit, 500 only when the request made the function fail;
 * 415 for another content type, 405 with {@code Allow: POST} for any other method (with a body or
 * not), 404 for another path, 400 for an incomplete body; every error
 * from the endpoint is short {@code text/plain}; Accept changes nothing; a connection kept alive
 * after a reply still answers the next request correctly. Every read has a timeout, so a hang fails the
 * run; the heap is bounded (-Xmx512m in the build) and its growth is checked at the end.
 */
public class HttpResourceFuzzTest {
  /** Small, so that the fuzzer reaches the 413 paths with small inputs. */
  static final int MAX_BODY = 2048;
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String OCTET_STREAM = "application/octet-stream";

  private static final String[] METHODS = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO", "POST"};
  private static final String[] PATHS = {"/statefun?x=1", "/statefun/extra", "/other", "/", "/statefunx"};
  private static final String[] OCTET_TYPES = {
      "Application/Octet-Stream", "application/octet-stream; charset=binary", "application/octet-stream;q=0.5",
      "application/octet-stream "};
  private static final String[] OTHER_TYPES = {
      "text/plain", "application/x-protobuf", "application/json", "application/octet-streamx", "octet-stream", "*/*",
      "application/octet-stream/x", ""};
  /** Accept headers a client may send; the runtime sends the first. None may change the outcome. */
  private static final String[] ACCEPTS = {OCTET_STREAM, "*/*", "application/octet-stream, */*", "text/plain",
      "application/octet-stream;q=0.9, text/plain;q=0.1"};
  private static final String[] BAD_LENGTHS = {"abc", "-1", "-5", "1e3", "0x10", "99999999999999999999", "", "+5",
      "5, 5", "2147483648"};

  // Functions fail on purpose by the thousand; logging each would drown the output.
  private static final Logger HANDLER_LOG = quiet(RequestReplyHandler.class.getName());

  /** -Dstatefun.fuzz.trace=true prints every request and its status. */
  private static final boolean TRACE = Boolean.getBoolean("statefun.fuzz.trace");

  private static EmbeddedServer server;
  private static HttpClient client;
  private static BiPredicate<String, Integer> permitted;
  private static byte[] probe;
  private static FromFunction probeReply;
  private static long heapAtStart;
  private static final Map<String, LongAdder> OUTCOMES = new ConcurrentSkipListMap<>();

  @AfterAll
  static void stopServer() {
    fuzzerTearDown();
  }

  /**
   * The short run of every build (15 s: the server's start under instrumentation takes as long
   * again); long runs use {@link #fuzzerTestOneInput} (long-run.sh http).
   */
  @FuzzTest(maxDuration = "15s")
  void resourceHonoursTheHttpContract(FuzzedDataProvider data) {
    fuzzerTestOneInput(data);
  }

  /**
   * Starts the server once per JVM (Jazzer's command line driver calls this before fuzzing; the
   * JUnit test on its first input, once Jazzer's agent is in place, so that the server's classes are
   * instrumented for coverage and the network policy below can be set).
   */
  public static synchronized void fuzzerInitialize() {
    if (server != null) {
      return;
    }
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0).withThreads(8)
        .withLimits(EndpointLimits.DEFAULTS.withMaxBodyBytes(MAX_BODY)));
    int port = server.port();
    // Jazzer reports any network connection as a finding (SSRF) unless allowed: only our server
    // (the detector may see 127.0.0.1 by its reverse-resolved name).
    permitted = (host, p) -> ("127.0.0.1".equals(host) || "localhost".equals(host)) && p == port;
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    probe = probeRequest();
    probeReply = Reference.of(probe, MAX_BODY).reply();
    heapAtStart = heapAfterGc();
  }

  public static synchronized void fuzzerTearDown() {
    if (server == null) {
      return;
    }
    long heapAtEnd = heapAfterGc();
    System.out.printf(Locale.ROOT, "HTTP fuzzing: outcomes %s; heap after GC %d MiB at start, %d MiB at end%n",
        new TreeMap<>(OUTCOMES), heapAtStart >> 20, heapAtEnd >> 20);
    server.close();
    server = null;
    // Loose: the server keeps nothing per request, so tens of thousands of requests must not add this much.
    if (heapAtEnd - heapAtStart > 128L << 20) {
      throw new AssertionError("The heap grew from " + (heapAtStart >> 20) + " MiB to " + (heapAtEnd >> 20)
          + " MiB after GC while fuzzing");
    }
  }

  public static void fuzzerTestOneInput(FuzzedDataProvider data) {
    if (server == null) {
      fuzzerInitialize();
    }
    // Per input, as Jazzer asks: its JUnit integration resets the policy between its phases.
    try (SilentCloseable allowed = BugDetectors.allowNetworkConnections(permitted)) {
      sendOne(data);
    }
  }

  /** Sends one request as the fuzzer would and checks its reply (for replaying a finding by hand). */
  static void replay(Request request) throws IOException, InterruptedException {
    if (server == null) {
      fuzzerInitialize();
    }
    send(request);
  }

  private static void sendOne(FuzzedDataProvider data) {
    Transport transport = data.pickValue(Transport.values());
    String method = transport == Transport.RAW ? "POST" : pick(data, METHODS, "POST");
    String path = pick(data, PATHS, "/statefun");
    Optional<String> contentType = contentType(data);
    Optional<String> accept = data.consumeBoolean() ? Optional.of(data.pickValue(ACCEPTS)) : Optional.empty();
    Framing framing = transport == Transport.RAW ? data.pickValue(Framing.values()) : Framing.EXACT;
    int delta = data.consumeInt(1, 64);
    int[] chunks = {data.consumeInt(1, 300), data.consumeInt(1, 300), data.consumeInt(1, 300)};
    String badLength = data.pickValue(BAD_LENGTHS);
    int size = data.consumeInt(0, 15);
    byte[] body = data.consumeBoolean() ? Requests.structured(data) : data.consumeRemainingAsBytes();
    body = switch (size) {
      case 13 -> Requests.padTo(body, MAX_BODY);
      case 14 -> Requests.padTo(body, MAX_BODY + 1);
      case 15 -> Requests.padTo(body, 3 * MAX_BODY);
      default -> body;
    };
    Request request = new Request(transport, method, path, contentType, accept, framing, delta, chunks, badLength,
        body);
    try {
      send(request);
    } catch (IOException e) {
      throw new AssertionError("No proper reply (" + e + ") to " + request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }

  /** Sends the request on its transport and checks the reply. */
  private static void send(Request request) throws IOException, InterruptedException {
    if (request.transport() == Transport.RAW) {
      sendRaw(request);
    } else {
      sendWithClient(request);
    }
  }

  /** One fuzz input as a request. */
  record Request(Transport transport, String method, String path, Optional<String> contentType,
      Optional<String> accept, Framing framing, int delta, int[] chunks, String badLength, byte[] body) {
    boolean served() {
      return path.equals("/statefun") || path.startsWith("/statefun?");
    }

    boolean octetStream() {
      return contentType.map(HttpResourceFuzzTest::isOctetStream).orElse(false);
    }

    @Override
    public String toString() {
      String hex = HexFormat.of().formatHex(body, 0, Math.min(body.length, 64));
      return transport + " " + method + " " + path + " Content-Type " + contentType.map(t -> "'" + t + "'").orElse("none")
          + " Accept " + accept.map(t -> "'" + t + "'").orElse("none")
          + (transport == Transport.RAW ? " framing " + framing + " (delta " + delta + ", bad length '" + badLength
              + "')" : "") + ", body of " + body.length + " bytes: " + hex + (body.length > 64 ? "..." : "");
    }
  }

  /** What the server must answer. */
  record Expected(int status, FromFunction reply) {}

  /** A response, from either client. */
  record Reply(int status, List<String> contentTypes, byte[] body, boolean closes, List<String> allow) {}

  private static Expected expected(Request request, byte[] completeBody) {
    if (!request.served()) {
      return new Expected(404, null);
    }
    if (!request.method().equals("POST")) {
      return new Expected(405, null);
    }
    if (!request.octetStream()) {
      return new Expected(415, null);
    }
    Reference.Outcome outcome = Reference.of(completeBody, MAX_BODY);
    return new Expected(outcome.status(), outcome.reply());
  }

  private static void sendWithClient(Request request) throws IOException, InterruptedException {
    byte[] body = request.body();
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + request.path()))
        .timeout(TIMEOUT);
    request.contentType().ifPresent(type -> builder.header("Content-Type", type));
    request.accept().ifPresent(type -> builder.header("Accept", type));
    builder.method(request.method(), request.transport() == Transport.CLIENT_FIXED
        ? HttpRequest.BodyPublishers.ofByteArray(body)
        : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    Reply reply = new Reply(response.statusCode(), response.headers().allValues("Content-Type"), response.body(),
        false, response.headers().allValues("Allow"));
    check(request, expected(request, body), reply);
  }

  private static void sendRaw(Request request) throws IOException {
    byte[] body = request.body();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 256);
    bytes.writeBytes(head(request).getBytes(StandardCharsets.ISO_8859_1));
    Expected expected;
    boolean endOutput;
    boolean followUp = false;
    switch (request.framing()) {
      case EXACT -> {
        bytes.writeBytes(body);
        expected = expected(request, body);
        endOutput = false;
        followUp = true;
      }
      case SHORTER -> {
        int declared = Math.max(0, body.length - request.delta());
        bytes.write(body, 0, declared);
        writeUnterminated(bytes, body, declared);
        expected = expected(request, Arrays.copyOf(body, declared));
        endOutput = false;
      }
      case LONGER -> {
        bytes.writeBytes(body);
        long declared = (long) body.length + request.delta();
        expected = incomplete(request, declared > MAX_BODY);
        endOutput = true;
      }
      case CHUNKED -> {
        writeChunks(bytes, request, true);
        expected = expected(request, body);
        endOutput = false;
        followUp = true;
      }
      case CHUNKED_TRUNCATED -> {
        writeChunks(bytes, request, false);
        expected = incomplete(request, body.length > MAX_BODY);
        endOutput = true;
      }
      case NO_LENGTH -> {
        writeUnterminated(bytes, body, 0);
        expected = expected(request, new byte[0]);
        endOutput = true;
      }
      default -> { // BAD_LENGTH: the HTTP engine refuses it before our code sees it
        bytes.writeBytes(body);
        expected = null;
        endOutput = true;
      }
    }
    try (RawHttp connection = new RawHttp(new InetSocketAddress("127.0.0.1", server.port()), TIMEOUT)) {
      connection.send(bytes.toByteArray());
      if (endOutput) {
        connection.endOutput();
      }
      Optional<RawHttp.Response> response = connection.read(false);
      if (expected == null) {
        // No response (the connection closed) is fine; a response must be a client error.
        response.ifPresent(r -> {
          if (r.status() < 400 || r.status() > 499) {
            throw new AssertionError("Expected a 4xx or a closed connection, got " + r.status() + " '" + r.text()
                + "' for " + request);
          }
          count("raw-bad-length-" + r.status());
        });
        if (response.isEmpty()) {
          count("raw-bad-length-closed");
        }
        return;
      }
      if (response.isEmpty() && request.framing() == Framing.CHUNKED_TRUNCATED && request.served()
          && request.method().equals("POST") && request.octetStream()) {
        // The client ended its side inside a chunk: Undertow's chunked decoder closes the connection
        // itself before the endpoint can answer (a body cut short by its Content-Length is answered
        // 400). A response, when there is one, is still checked below.
        count("raw-truncated-chunks-closed");
        return;
      }
      if (request.framing() == Framing.NO_LENGTH && request.body().length > 0
          && (response.isEmpty() || response.get().header("content-type").isEmpty())) {
        // Open (README "Findings"): Undertow holds the answer to a request without a length while the
        // bytes after it are an incomplete next request, and drops it when that request turns out
        // malformed or the client ends its side: Undertow's own bodiless 400, or a closed connection.
        count("raw-no-length-pipelined-" + response.map(r -> String.valueOf(r.status())).orElse("closed"));
        return;
      }
      RawHttp.Response r = response.orElseThrow(
          () -> new AssertionError("The server closed the connection without a response to " + request));
      boolean closes = r.header("connection").stream().anyMatch(v -> v.equalsIgnoreCase("close"));
      check(request, expected, new Reply(r.status(), r.header("content-type"), r.body(), closes, r.header("allow")));
      if (followUp && !closes) {
        // The connection must still be in step: the next request on it gets its own reply.
        connection.send(head(probeHead()).getBytes(StandardCharsets.ISO_8859_1));
        connection.send(probe);
        RawHttp.Response next = connection.read(false).orElseThrow(() -> new AssertionError(
            "The server closed a kept-alive connection instead of answering the next request, after " + request));
        check(request, new Expected(200, probeReply),
            new Reply(next.status(), next.header("content-type"), next.body(), false, List.of()));
      }
    }
  }

  /**
   * Bytes past the request the server reads: they look like the start of a next request that never
   * ends (no line break), so the server reads them and waits, or meets the end of the output; it never
   * rejects them while our bytes are unread, which would reset the connection under its reply.
   */
  private static void writeUnterminated(ByteArrayOutputStream out, byte[] body, int from) {
    for (int i = from; i < body.length; i++) {
      out.write(body[i] == '\n' || body[i] == '\r' ? ' ' : body[i]);
    }
  }

  /** A body that cannot be read whole: 413 if it is over the limit before it ends, else 400. */
  private static Expected incomplete(Request request, boolean overLimit) {
    if (!request.served() || !request.octetStream()) {
      return expected(request, new byte[0]);
    }
    return new Expected(overLimit ? 413 : 400, null);
  }

  private static Request probeHead() {
    return new Request(Transport.RAW, "POST", "/statefun", Optional.of(OCTET_STREAM), Optional.of(OCTET_STREAM),
        Framing.EXACT, 0, null, null, probe);
  }

  /** Request line and headers, framed as the request says. */
  private static String head(Request request) {
    StringBuilder head = new StringBuilder(256)
        .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
    request.contentType().ifPresent(type -> head.append("Content-Type: ").append(type).append("\r\n"));
    request.accept().ifPresent(type -> head.append("Accept: ").append(type).append("\r\n"));
    switch (request.framing()) {
      case EXACT -> head.append("Content-Length: ").append(request.body().length).append("\r\n");
      case SHORTER -> head.append("Content-Length: ").append(Math.max(0, request.body().length - request.delta()))
          .append("\r\n");
      case LONGER -> head.append("Content-Length: ").append(request.body().length + request.delta()).append("\r\n");
      case CHUNKED, CHUNKED_TRUNCATED -> head.append("Transfer-Encoding: chunked\r\n");
      case NO_LENGTH -> { }
      case BAD_LENGTH -> {
        head.append("Content-Length: ").append(request.badLength()).append("\r\n");
        if (request.delta() % 2 == 0) {
          head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
      }
    }
    return head.append("\r\n").toString();
  }

  private static void writeChunks(ByteArrayOutputStream out, Request request, boolean terminate) {
    byte[] body = request.body();
    int offset = 0;
    for (int i = 0; offset < body.length; i++) {
      int n = Math.min(request.chunks()[i % request.chunks().length], body.length - offset);
      String size = Integer.toHexString(n);
      out.writeBytes(((i % 2 == 0 ? size : size.toUpperCase(Locale.ROOT)) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, offset, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      offset += n;
    }
    if (terminate) {
      out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static void check(Request request, Expected expected, Reply reply) {
    count(request.transport() + "-" + reply.status());
    if (TRACE) {
      System.out.println(reply.status() + " (expected " + expected.status() + ") for " + request);
    }
    if (reply.status() != expected.status()) {
      throw new AssertionError("Expected " + expected.status() + ", got " + reply.status() + " '" + text(reply.body())
          + "' for " + request);
    }
    if (expected.status() == 405 && !reply.allow().equals(List.of("POST"))) {
      throw new AssertionError("A 405 must say Allow: POST, got " + reply.allow() + " for " + request);
    }
    if (expected.status() == 200) {
      if (!reply.contentTypes().equals(List.of(OCTET_STREAM))) {
        throw new AssertionError("A 200 must have exactly Content-Type " + OCTET_STREAM + ", got "
            + reply.contentTypes() + " for " + request);
      }
      FromFunction parsed;
      try {
        parsed = Reference.normalized(reply.body());
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError("The 200 reply is no FromFunction message, for " + request, e);
      }
      if (!parsed.equals(expected.reply())) {
        throw new AssertionError("The reply differs from the in-process handler's for " + request + ":\n" + parsed
            + "\nexpected:\n" + expected.reply());
      }
      return;
    }
    // A reply to HEAD has no body; an engine may then send no Content-Type either.
    boolean head = request.method().equals("HEAD");
    boolean typeOptional = head && reply.contentTypes().isEmpty();
    if (!typeOptional && (reply.contentTypes().size() != 1 || !reply.contentTypes().get(0).startsWith("text/plain"))) {
      throw new AssertionError("A " + reply.status() + " must have a text/plain body, got Content-Type "
          + reply.contentTypes() + " for " + request);
    }
    if ((!head && reply.body().length == 0) || reply.body().length > 1024) {
      throw new AssertionError("A " + reply.status() + " must have a short message, got " + reply.body().length
          + " bytes for " + request);
    }
  }

  /** The contract's rule, written independently of the endpoint's: the media type, any case, any parameters. */
  static boolean isOctetStream(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().equalsIgnoreCase(OCTET_STREAM);
  }

  private static Optional<String> contentType(FuzzedDataProvider data) {
    int kind = data.consumeInt(0, 15);
    if (kind < 9) {
      return Optional.of(OCTET_STREAM);
    }
    return switch (kind) {
      case 9, 10 -> Optional.of(data.pickValue(OCTET_TYPES));
      case 11, 12 -> Optional.of(data.pickValue(OTHER_TYPES));
      case 13 -> Optional.empty();
      default -> Optional.of(headerValue(data.consumeString(40)));
    };
  }

  /** A fuzzed header value made legal for HTTP: visible ASCII and inner spaces. */
  static String headerValue(String raw) {
    StringBuilder value = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = (char) (raw.charAt(i) & 0x7F);
      value.append(c < 0x20 || c == 0x7F ? 'a' : c);
    }
    return value.toString().strip();
  }

  /**
   * Mostly the common value, sometimes one of the others. (Every choice here takes its common case
   * at 0, which is what the data provider returns once the input is used up.)
   */
  private static String pick(FuzzedDataProvider data, String[] others, String common) {
    int i = data.consumeInt(0, 2 * others.length - 1);
    return i < others.length ? common : others[i - others.length];
  }

  private static byte[] probeRequest() {
    return dev.statefun.jakarta.testkit.Requests.to("fuzz.http/ops", "probe").emptyState("count").emptyState("text")
        .invoke("ab").bytes();
  }

  private static String text(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    return body.length > 300 ? text + "..." : text;
  }

  private static void count(String outcome) {
    OUTCOMES.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.OFF);
    return logger;
  }
}
