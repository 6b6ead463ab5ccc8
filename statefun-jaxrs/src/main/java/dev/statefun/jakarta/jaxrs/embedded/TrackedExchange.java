package dev.statefun.jakarta.jaxrs.embedded;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An exchange that knows when it ends (for a graceful shutdown) and that can be cut off while its
 * request is still arriving (for the request deadline). Everything else is delegated.
 */
final class TrackedExchange extends HttpExchange {
  private static final int RECEIVING = 0;
  private static final int RESPONDING = 1;
  private static final int EXPIRED = 2;

  private final HttpExchange exchange;
  private final Runnable onEnd;
  private final AtomicInteger state = new AtomicInteger(RECEIVING);
  private final AtomicBoolean ended = new AtomicBoolean();
  private InputStream requestBody;
  private OutputStream responseBody;

  TrackedExchange(HttpExchange exchange, Runnable onEnd) {
    this.exchange = exchange;
    this.onEnd = onEnd;
  }

  /**
   * Called by the deadline: if the request is still arriving, closes the connection, which also
   * fails a worker blocked reading it. Returns whether it did.
   */
  boolean expire() {
    if (!state.compareAndSet(RECEIVING, EXPIRED)) {
      return false;
    }
    exchange.close(); // no response started yet: the server closes the connection
    end();
    return true;
  }

  /** The request is in: the deadline no longer applies. */
  private void received() {
    state.compareAndSet(RECEIVING, RESPONDING);
  }

  void end() {
    if (ended.compareAndSet(false, true)) {
      onEnd.run();
    }
  }

  @Override
  public Headers getRequestHeaders() {
    return exchange.getRequestHeaders();
  }

  @Override
  public Headers getResponseHeaders() {
    return exchange.getResponseHeaders();
  }

  @Override
  public URI getRequestURI() {
    return exchange.getRequestURI();
  }

  @Override
  public String getRequestMethod() {
    return exchange.getRequestMethod();
  }

  @Override
  public HttpContext getHttpContext() {
    return exchange.getHttpContext();
  }

  @Override
  public void close() {
    try {
      exchange.close();
    } finally {
      end();
    }
  }

  @Override
  public synchronized InputStream getRequestBody() {
    if (requestBody == null) {
      requestBody = new Body(exchange.getRequestBody());
    }
    return requestBody;
  }

  @Override
  public synchronized OutputStream getResponseBody() {
    if (responseBody == null) {
      responseBody = new Response(exchange.getResponseBody());
    }
    return responseBody;
  }

  @Override
  public void sendResponseHeaders(int code, long length) throws IOException {
    received();
    if (state.get() == EXPIRED) {
      throw new IOException("The request took too long to arrive; the connection was closed");
    }
    exchange.sendResponseHeaders(code, length);
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return exchange.getRemoteAddress();
  }

  @Override
  public int getResponseCode() {
    return exchange.getResponseCode();
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return exchange.getLocalAddress();
  }

  @Override
  public String getProtocol() {
    return exchange.getProtocol();
  }

  @Override
  public Object getAttribute(String name) {
    return exchange.getAttribute(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    exchange.setAttribute(name, value);
  }

  @Override
  public void setStreams(InputStream in, OutputStream out) {
    exchange.setStreams(in, out);
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return exchange.getPrincipal();
  }

  /** The request body; reaching its end means the request is in. */
  private final class Body extends InputStream {
    private final InputStream in;

    Body(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        received();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n < 0) {
        received();
      }
      return n;
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The response body; closing it ends the exchange. */
  private final class Response extends OutputStream {
    private final OutputStream out;

    Response(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      out.write(buffer, offset, length);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } finally {
        end();
      }
    }
  }
}
