package dev.statefun.jakarta.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoint's pieces that need no server: content types, body reading, counting, limits. */
class EndpointPartsTest {

  @Test
  void octetStreamIgnoresCaseAndParametersOnly() {
    assertTrue(HttpContract.isOctetStream("application/octet-stream"));
    assertTrue(HttpContract.isOctetStream("APPLICATION/Octet-Stream ; q=1"));
    assertFalse(HttpContract.isOctetStream(null));
    assertFalse(HttpContract.isOctetStream(""));
    assertFalse(HttpContract.isOctetStream("application/octet-streamx"));
    assertFalse(HttpContract.isOctetStream("application/x-protobuf"));
  }

  @Test
  void contentLengthIsOnlyAHint() {
    assertEquals(42, HttpContract.contentLength(" 42 "));
    assertEquals(0, HttpContract.contentLength("0"));
    assertEquals(-1, HttpContract.contentLength(null));
    assertEquals(-1, HttpContract.contentLength(""));
    assertEquals(-1, HttpContract.contentLength("-5"));
    assertEquals(-1, HttpContract.contentLength("12, 12"));
  }

  @Test
  void readsABodyOfKnownOrUnknownLength() throws IOException {
    byte[] body = new byte[300_000];
    Arrays.fill(body, (byte) 7);
    assertArrayEquals(body, BodyReader.readBlocking(new ByteArrayInputStream(body), body.length, body.length));
    assertArrayEquals(body, BodyReader.readBlocking(trickle(body), -1, 1 << 20));
    assertArrayEquals(new byte[0], BodyReader.readBlocking(new ByteArrayInputStream(new byte[0]), -1, 10));
  }

  @Test
  void stopsReadingAtTheLimit() throws IOException {
    byte[] body = new byte[1000];
    CountingStream in = new CountingStream(body);
    BodyTooLargeException tooLarge =
        assertThrows(BodyTooLargeException.class, () -> BodyReader.readBlocking(in, -1, 100));
    assertEquals("The request body is over the limit of 100 bytes", tooLarge.getMessage());
    assertTrue(in.served <= 100 + 8192, "read " + in.served + " bytes for a limit of 100");
    // A declared length over the limit is refused before anything is read.
    CountingStream declared = new CountingStream(body);
    assertThrows(BodyTooLargeException.class, () -> BodyReader.readBlocking(declared, body.length, 100));
    assertEquals(0, declared.served, "read a body whose declared length is over the limit");
    // A declared length is the body's end: nothing past it is read (a container frames the body by it).
    ByteArrayInputStream longer = new ByteArrayInputStream(body);
    assertEquals(50, BodyReader.readBlocking(longer, 50, 100).length);
    assertEquals(body.length - 50, longer.available(), "read past the declared length");
    // Exactly at the limit is fine.
    assertEquals(100, assertDoesNotThrow(new ByteArrayInputStream(new byte[100]), 100).length);
  }

  @Test
  void aLyingContentLengthDoesNotAllocateUpFront() throws IOException {
    // Claims 30 MB, sends 10 bytes: the result is the 10 bytes, and what was allocated is far below 30 MB.
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[10]);
    long before = threads.getCurrentThreadAllocatedBytes();
    byte[] body = BodyReader.readBlocking(in, 30_000_000, 32 << 20);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(10, body.length);
    assertTrue(allocated < 2 << 20, "allocated " + allocated + " bytes for a 10-byte body claiming 30 MB");
  }

  @Test
  void limitsAndTheirBounds() {
    assertEquals(32L << 20, EndpointLimits.DEFAULTS.maxBodyBytes());
    assertTrue(EndpointLimits.DEFAULTS.maxBatchSize() >= 1000, "must admit the runtime's default batches");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new EndpointLimits(0, 10));
    assertTrue(bad.getMessage().contains(EndpointLimits.MAX_BODY_BYTES), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EndpointLimits(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new EndpointLimits(10, 0));
    assertThrows(IllegalArgumentException.class, () -> new EndpointLimits(10, 1_000_000));
  }

  private static byte[] assertDoesNotThrow(InputStream in, long max) {
    try {
      return BodyReader.readBlocking(in, -1, max);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Serves at most 1000 bytes per read, like a slow network. */
  private static InputStream trickle(byte[] body) {
    return new ByteArrayInputStream(body) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1000));
      }
    };
  }

  /** Counts what the reader pulled. */
  private static final class CountingStream extends ByteArrayInputStream {
    int served;

    CountingStream(byte[] body) {
      super(body);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      served += Math.max(n, 0);
      return n;
    }

    @Override
    public synchronized int read() {
      int b = super.read();
      served += b < 0 ? 0 : 1;
      return b;
    }
  }
}
