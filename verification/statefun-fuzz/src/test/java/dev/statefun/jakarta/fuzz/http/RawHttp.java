package dev.statefun.jakarta.fuzz.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A bare HTTP/1.1 connection: writes whatever bytes it is given (so that framing can be wrong on
 * purpose, which no HTTP client allows) and reads responses framed by Content-Length or chunked.
 * Every read is bounded by the timeout, so a server that never answers fails the caller.
 */
public final class RawHttp implements AutoCloseable {
  private static final int MAX_RESPONSE = 1 << 20;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawHttp(InetSocketAddress server, Duration timeout) throws IOException {
    socket = new Socket();
    socket.connect(server, (int) timeout.toMillis());
    socket.setSoTimeout((int) timeout.toMillis());
    socket.setTcpNoDelay(true);
    in = new java.io.BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** One response: status, headers (names in lower case) and body. */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public List<String> header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Tells the server that nothing more will come (a half close: responses can still be read). */
  public void endOutput() throws IOException {
    socket.shutdownOutput();
  }

  /**
   * Reads the next response, or empty if the server closed the connection (or reset it) before
   * sending a byte of one.
   *
   * @throws java.net.SocketTimeoutException if the server does not answer within the timeout
   * @throws IOException if the response is cut short or malformed
   */
  public Optional<Response> read(boolean head) throws IOException {
    String statusLine;
    try {
      statusLine = line(true);
    } catch (java.net.SocketException e) {
      if (e.getMessage() != null && e.getMessage().contains("reset")) {
        return Optional.empty();
      }
      throw e;
    }
    if (statusLine == null) {
      return Optional.empty();
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("Not an HTTP status line: '" + statusLine + "'");
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String header = line(false); !header.isEmpty(); header = line(false)) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IOException("Malformed response header: '" + header + "'");
      }
      headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(header.substring(colon + 1).trim());
    }
    Response response = new Response(status, headers, new byte[0]);
    if (head || status == 204 || status == 304 || status / 100 == 1) {
      return Optional.of(response);
    }
    List<String> encoding = response.header("transfer-encoding");
    List<String> length = response.header("content-length");
    byte[] body;
    if (!encoding.isEmpty() && encoding.get(0).equalsIgnoreCase("chunked")) {
      body = chunked();
    } else if (!length.isEmpty()) {
      if (length.size() > 1) {
        throw new IOException("Several Content-Length headers in the response: " + length);
      }
      long n = Long.parseLong(length.get(0));
      if (n < 0 || n > MAX_RESPONSE) {
        throw new IOException("Response Content-Length out of range: " + n);
      }
      body = in.readNBytes((int) n);
      if (body.length < n) {
        throw new EOFException("Response body cut short: " + body.length + " of " + n + " bytes");
      }
    } else {
      body = in.readNBytes(MAX_RESPONSE); // delimited by the end of the connection
    }
    return Optional.of(new Response(status, headers, body));
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(false);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        for (String trailer = line(false); !trailer.isEmpty(); trailer = line(false)) {
          // trailers are ignored
        }
        return body.toByteArray();
      }
      if (body.size() + n > MAX_RESPONSE) {
        throw new IOException("Response over " + MAX_RESPONSE + " bytes");
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length < n) {
        throw new EOFException("Response chunk cut short");
      }
      body.writeBytes(chunk);
      if (!line(false).isEmpty()) {
        throw new IOException("No CRLF after a response chunk");
      }
    }
  }

  /** A CRLF-terminated line; null at a clean end of stream before its first byte if allowed. */
  private String line(boolean endAllowed) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (endAllowed && line.size() == 0) {
          return null;
        }
        throw new EOFException("Connection closed in the middle of a response line");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() > 8192) {
        throw new IOException("Response line over 8 KiB");
      }
      line.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
