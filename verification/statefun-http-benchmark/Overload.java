import dev.statefun.jakarta.benchmarks.GreetRequests;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The overload cases of the HTTP benchmark (run.sh, README.md "Overload"). run.sh compiles this file
 * once against statefun-benchmarks' benchmarks.jar (javac; no other dependency) and runs its modes:
 *
 * <pre>
 * Overload body    FILE BYTES                          a valid ToFunction of BYTES bytes
 * Overload trickle URL N FILE BYTES_PER_S              N slow clients, until SIGTERM
 * Overload large   URL N FILE TIMEOUT_S                N concurrent POSTs of FILE
 * </pre>
 *
 * <p>{@code body}: the benchmark's batch-1 request ({@link GreetRequests#batch}) padded with an unknown
 * field until the whole message is BYTES long: a large body with batch 1's small reply.
 *
 * <p>{@code trickle}: opens N connections, sends on each the headers of a valid POST (its
 * {@code Content-Length} that of FILE) and then FILE's bytes, BYTES_PER_S per second per connection,
 * so none finishes within a run (a 64 KiB body at 1 byte/s takes 18 hours). Prints {@code READY} once
 * every connection has sent its headers and first byte. When the server closes a connection or answers
 * it (e.g. 408 after its body deadline), the connection is counted as cut and replaced, so N keep
 * trickling. On SIGTERM prints one {@code TRICKLE key=value ...} line and exits.
 *
 * <p>{@code large}: N threads connect at once and POST FILE, each reading the answer while it writes
 * (a server may answer 413 or 503 before the body is sent); prints one line per request to stderr and
 * one {@code LARGE key=value ...} line: answers by status, connection errors (no complete answer: refused,
 * reset, closed, timed out), answers that look like HTML, seconds until the last one ended.
 *
 * <p>It binds and connects to 127.0.0.1 only: a URL naming another host is refused.
 */
public final class Overload {
  private static final InetAddress LOOPBACK = loopback();

  private Overload() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      usage();
    }
    switch (args[0]) {
      case "body" -> {
        if (args.length != 3) usage();
        writeBody(Path.of(args[1]), Integer.parseInt(args[2]));
      }
      case "trickle" -> {
        if (args.length != 5) usage();
        trickle(URI.create(args[1]), Integer.parseInt(args[2]), Files.readAllBytes(Path.of(args[3])),
            Integer.parseInt(args[4]));
      }
      case "large" -> {
        if (args.length != 5) usage();
        large(URI.create(args[1]), Integer.parseInt(args[2]), Files.readAllBytes(Path.of(args[3])),
            Integer.parseInt(args[4]));
      }
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: Overload body FILE BYTES | trickle URL N FILE BYTES_PER_S | large URL N FILE TIMEOUT_S");
    System.exit(2);
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- body --------------------------------------------------------------------------------------

  /**
   * The batch-1 request padded to {@code bytes} with an unknown field (number {@value #PADDING_FIELD}),
   * which every protobuf reader skips: the body is large, the reply as small as batch 1's, so the
   * case measures how a server holds bodies, not how it writes large replies.
   */
  static void writeBody(Path file, int bytes) throws IOException {
    ToFunction base = ToFunction.parseFrom(GreetRequests.batch(1));
    int padding = Math.max(0, bytes - base.getSerializedSize() - 8);
    byte[] message = null;
    // The length prefix grows with the padding: a few rounds settle on the exact size (or one byte off at
    // a varint boundary, which does not matter here).
    for (int i = 0; i < 8; i++) {
      message = padded(base, padding).toByteArray();
      if (message.length == bytes) {
        break;
      }
      padding = Math.max(0, padding + bytes - message.length);
    }
    Files.write(file, message);
    System.out.println("wrote " + file + " (" + message.length + " bytes, " + padding + " of them an unknown field)");
  }

  /** A field number no ToFunction version uses. */
  static final int PADDING_FIELD = 1000;

  private static ToFunction padded(ToFunction base, int padding) {
    return base.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder(base.getUnknownFields())
        .addField(PADDING_FIELD, UnknownFieldSet.Field.newBuilder()
            .addLengthDelimited(ByteString.copyFrom(new byte[padding])).build())
        .build()).build();
  }

  // --- HTTP bits ---------------------------------------------------------------------------------

  private static InetSocketAddress target(URI url) {
    if (!"127.0.0.1".equals(url.getHost())) {
      throw new IllegalArgumentException("only 127.0.0.1, not " + url.getHost());
    }
    return new InetSocketAddress(LOOPBACK, url.getPort() > 0 ? url.getPort() : 80);
  }

  private static byte[] headers(URI url, int contentLength) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return ("POST " + path + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + url.getPort() + "\r\n"
        + "Content-Type: application/octet-stream\r\n"
        + "Content-Length: " + contentLength + "\r\n"
        + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The status of an HTTP/1.x status line, or -1. */
  private static int status(String statusLine) {
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      return -1;
    }
    try {
      return Integer.parseInt(parts[1].trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String counts(Map<String, AtomicInteger> counts) {
    if (counts.isEmpty()) {
      return "-";
    }
    return new TreeMap<>(counts).entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue().get()).collect(Collectors.joining(";"));
  }

  private static void count(Map<String, AtomicInteger> counts, String key) {
    counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  // --- trickle -----------------------------------------------------------------------------------

  /** One slow client: its channel and how much of its request it has sent. */
  private static final class Trickler {
    final SocketChannel channel;
    int sent;   // body bytes sent
    final ByteArrayOutputStream answer = new ByteArrayOutputStream();

    Trickler(SocketChannel channel) {
      this.channel = channel;
    }
  }

  static void trickle(URI url, int n, byte[] body, int bytesPerSecond) throws IOException, InterruptedException {
    InetSocketAddress target = target(url);
    byte[] head = headers(url, body.length);
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger connectErrors = new AtomicInteger();
    Map<String, AtomicInteger> cut = new ConcurrentHashMap<>();   // why the server ended a trickling request
    long started = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int total = cut.values().stream().mapToInt(AtomicInteger::get).sum();
      System.out.printf(Locale.ROOT, "TRICKLE tricklers=%d opened=%d cut=%d cut_detail=%s connect_errors=%d seconds=%.1f%n",
          n, opened.get(), total, counts(cut), connectErrors.get(), (System.nanoTime() - started) / 1e9);
      System.out.flush();
    }));

    Selector selector = Selector.open();
    List<Trickler> tricklers = new ArrayList<>();
    while (tricklers.size() < n) {
      Trickler t = open(target, head, body, selector, opened, connectErrors);
      if (t != null) {
        tricklers.add(t);
      } else if (connectErrors.get() > 10 * n) {
        throw new IOException("cannot connect to " + target + " (" + connectErrors.get() + " attempts)");
      }
    }
    System.out.println("READY " + n + " connections have sent their headers and a first body byte");
    System.out.flush();

    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, bytesPerSecond);
    long next = System.nanoTime() + intervalNanos;
    ByteBuffer readBuffer = ByteBuffer.allocate(8192);
    while (true) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
      } else {
        selector.selectNow();
      }
      // Anything to read is the server ending a request: an answer, or a closed connection.
      Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
      while (keys.hasNext()) {
        SelectionKey key = keys.next();
        keys.remove();
        Trickler t = (Trickler) key.attachment();
        String reason = null;
        try {
          readBuffer.clear();
          int read = t.channel.read(readBuffer);
          if (read < 0) {
            reason = t.answer.size() > 0 ? answerReason(t) : "closed";
          } else if (read > 0) {
            t.answer.write(readBuffer.array(), 0, read);
            if (t.answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n")) {
              reason = answerReason(t);
            }
          }
        } catch (IOException e) {
          reason = "reset";
        }
        if (reason != null) {
          count(cut, reason);
          replace(tricklers, t, target, head, body, selector, opened, connectErrors);
        }
      }
      if (System.nanoTime() - next >= 0) {
        next += intervalNanos;
        for (Trickler t : new ArrayList<>(tricklers)) {
          if (t.sent >= body.length) {
            continue;   // all sent (only in a very long run): waiting for the answer
          }
          try {
            if (t.channel.write(ByteBuffer.wrap(body, t.sent, 1)) == 1) {
              t.sent++;
            }
          } catch (IOException e) {
            count(cut, "reset");
            replace(tricklers, t, target, head, body, selector, opened, connectErrors);
          }
        }
      }
    }
  }

  private static String answerReason(Trickler t) {
    String text = t.answer.toString(StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n");
    int status = status(end >= 0 ? text.substring(0, end) : text);
    return status > 0 ? String.valueOf(status) : "garbage";
  }

  private static void replace(List<Trickler> tricklers, Trickler old, InetSocketAddress target, byte[] head,
      byte[] body, Selector selector, AtomicInteger opened, AtomicInteger connectErrors) {
    try {
      old.channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    tricklers.remove(old);
    Trickler t = open(target, head, body, selector, opened, connectErrors);
    if (t != null) {
      tricklers.add(t);
    }
  }

  /** Connects from 127.0.0.1, sends the headers and the first body byte; null when that failed. */
  private static Trickler open(InetSocketAddress target, byte[] head, byte[] body, Selector selector,
      AtomicInteger opened, AtomicInteger connectErrors) {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open();
      channel.bind(new InetSocketAddress(LOOPBACK, 0));
      channel.socket().connect(target, 5000);
      ByteBuffer buffer = ByteBuffer.allocate(head.length + 1);
      buffer.put(head).put(body, 0, 1).flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.configureBlocking(false);
      Trickler t = new Trickler(channel);
      t.sent = 1;
      channel.register(selector, SelectionKey.OP_READ, t);
      opened.incrementAndGet();
      return t;
    } catch (IOException e) {
      connectErrors.incrementAndGet();
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      return null;
    }
  }

  // --- large -------------------------------------------------------------------------------------

  /** How one large POST ended: a status (complete answer) or a connection error. */
  private record Outcome(int status, String error, boolean html, long answerBytes, double seconds) {}

  static void large(URI url, int n, byte[] body, int timeoutSeconds) throws InterruptedException {
    InetSocketAddress target = target(url);
    byte[] head = headers(url, body.length);
    Outcome[] outcomes = new Outcome[n];
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (int i = 0; i < n; i++) {
      int index = i;
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        outcomes[index] = post(target, head, body, deadline);
      }, "large-" + i);
      thread.start();
      threads.add(thread);
    }
    long started = System.nanoTime();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    Map<String, AtomicInteger> byStatus = new TreeMap<>();
    Map<String, AtomicInteger> errors = new TreeMap<>();
    int html = 0;
    for (int i = 0; i < n; i++) {
      Outcome o = outcomes[i];
      System.err.printf(Locale.ROOT, "request %d: %s after %.2f s%s%s%n", i,
          o.status > 0 ? "status " + o.status : "connection error (" + o.error + ")", o.seconds,
          o.status > 0 ? ", " + o.answerBytes + " answer bytes" : "", o.html ? ", HTML" : "");
      if (o.status > 0) {
        count(byStatus, String.valueOf(o.status));
      } else {
        count(errors, o.error);
      }
      if (o.html) {
        html++;
      }
    }
    int other = 0;
    Map<String, AtomicInteger> others = new TreeMap<>();
    for (Map.Entry<String, AtomicInteger> e : byStatus.entrySet()) {
      if (!List.of("200", "400", "413", "503").contains(e.getKey())) {
        other += e.getValue().get();
        others.put(e.getKey(), e.getValue());
      }
    }
    int connectionErrors = errors.values().stream().mapToInt(AtomicInteger::get).sum();
    System.out.printf(Locale.ROOT,
        "LARGE requests=%d body_bytes=%d s200=%d s400=%d s413=%d s503=%d other=%d other_detail=%s "
            + "connection_errors=%d error_detail=%s html=%d seconds=%.1f%n",
        n, body.length, get(byStatus, "200"), get(byStatus, "400"), get(byStatus, "413"), get(byStatus, "503"),
        other, counts(others), connectionErrors, counts(errors), html, seconds);
  }

  private static int get(Map<String, AtomicInteger> counts, String key) {
    AtomicInteger value = counts.get(key);
    return value == null ? 0 : value.get();
  }

  /** POSTs the body while reading the answer, so an early answer (413, 503) is seen even if the write fails. */
  private static Outcome post(InetSocketAddress target, byte[] head, byte[] body, long deadline) {
    long started = System.nanoTime();
    Socket socket = new Socket();
    try (socket) {
      socket.bind(new InetSocketAddress(LOOPBACK, 0));
      socket.connect(target, 10_000);
      OutputStream out = socket.getOutputStream();
      Thread writer = new Thread(() -> {
        try {
          out.write(head);
          for (int off = 0; off < body.length; off += 65536) {
            out.write(body, off, Math.min(65536, body.length - off));
          }
          out.flush();
        } catch (IOException e) {
          // The server stopped reading (an early answer, or a reset): the reader tells which.
        }
      }, Thread.currentThread().getName() + "-writer");
      writer.setDaemon(true);
      writer.start();
      Outcome outcome = readAnswer(socket, deadline, started);
      writer.interrupt();
      return outcome;
    } catch (SocketTimeoutException e) {
      return new Outcome(-1, "timeout", false, 0, secondsSince(started));
    } catch (EOFException e) {
      return new Outcome(-1, "closed", false, 0, secondsSince(started));
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      String kind = message.contains("refused") ? "refused"
          : message.contains("reset") ? "reset"
          : message.contains("broken pipe") ? "broken-pipe"
          : e.getClass().getSimpleName();
      return new Outcome(-1, kind, false, 0, secondsSince(started));
    }
  }

  private static double secondsSince(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** Reads one whole HTTP/1.1 answer: status line, headers, body (Content-Length, chunked, or to the close). */
  private static Outcome readAnswer(Socket socket, long deadline, long started) throws IOException {
    InputStream in = new DeadlineInput(socket, deadline);
    String statusLine = line(in);
    int status = status(statusLine);
    if (status < 0) {
      throw new IOException("no HTTP status line: " + statusLine);
    }
    long contentLength = -1;
    boolean chunked = false;
    String contentType = "";
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "content-type" -> contentType = value.toLowerCase(Locale.ROOT);
        default -> { }
      }
    }
    if (status == 100) {
      return readAnswer(socket, deadline, started);
    }
    Prefix prefix = new Prefix();
    if (chunked) {
      while (true) {
        String size = line(in);
        int semicolon = size.indexOf(';');
        long chunk = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
        if (chunk == 0) {
          while (!line(in).isEmpty()) {
            // trailers
          }
          break;
        }
        copy(in, chunk, prefix);
        line(in);
      }
    } else if (contentLength >= 0) {
      copy(in, contentLength, prefix);
    } else {
      copy(in, Long.MAX_VALUE, prefix);   // to the close
    }
    String start = prefix.text().toLowerCase(Locale.ROOT);
    boolean html = contentType.contains("html") || start.contains("<html") || start.contains("<!doctype")
        || start.contains("<body") || start.contains("<head");
    return new Outcome(status, null, html, prefix.total, secondsSince(started));
  }

  /** The first bytes of an answer body (for the HTML check), and how many there were. */
  private static final class Prefix {
    final byte[] bytes = new byte[1024];
    int kept;
    long total;

    String text() {
      return new String(bytes, 0, kept, StandardCharsets.ISO_8859_1);
    }
  }

  private static void copy(InputStream in, long length, Prefix prefix) throws IOException {
    byte[] buffer = new byte[65536];
    long left = length;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        if (length == Long.MAX_VALUE) {
          return;
        }
        throw new EOFException("answer body cut after " + prefix.total + " bytes");
      }
      int keep = Math.min(read, prefix.bytes.length - prefix.kept);
      System.arraycopy(buffer, 0, prefix.bytes, prefix.kept, keep);
      prefix.kept += keep;
      prefix.total += read;
      left -= read;
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed after \"" + line + "\"");
      }
      if (b == '\n') {
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
      }
      line.append((char) b);
    }
  }

  /** A socket's input that gives up at a deadline (a SocketTimeoutException). */
  private static final class DeadlineInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final long deadline;
    private final byte[] one = new byte[1];
    private final byte[] buffer = new byte[65536];
    private int position;
    private int limit;

    DeadlineInput(Socket socket, long deadline) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position == limit) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new SocketTimeoutException("deadline");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        limit = in.read(buffer);
        position = 0;
        if (limit < 0) {
          limit = 0;
          return -1;
        }
      }
      int n = Math.min(len, limit - position);
      System.arraycopy(buffer, position, b, off, n);
      position += n;
      return n;
    }
  }
}
