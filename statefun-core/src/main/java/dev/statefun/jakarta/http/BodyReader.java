package dev.statefun.jakarta.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Reads one request body into a byte array, from a blocking or a non-blocking channel, with one copy
 * when the length is declared: the array is allocated at the declared length and the transport's
 * buffers are copied straight into it. A body of unknown length (chunked) grows the array as it
 * arrives. Passing the body limit fails at once, so an oversized body is never held whole; every
 * byte of array is reserved from the {@link BodyBudget} before it is allocated.
 *
 * <p>Not thread-safe: one reader per request, called by one thread at a time.
 */
public final class BodyReader {
  /** The first buffer for a body of unknown length. */
  static final int UNKNOWN_LENGTH_START = 8 * 1024;
  /** The smallest step a growing buffer takes. */
  static final int MIN_GROWTH = 1024;
  /** The most a blocking read without a budget allocates before the bytes arrive. */
  static final int BLOCKING_MAX_UP_FRONT = 1 << 20;

  private final long maxBytes;
  private final long declared; // -1: unknown
  private final BodyBudget budget;
  private byte[] buffer;
  private int count;
  private long reserved;
  private ByteBuffer probe;

  private BodyReader(long maxBytes, long declared, BodyBudget budget) {
    this.maxBytes = maxBytes;
    this.declared = declared;
    this.budget = budget;
  }

  /**
   * A reader for a body of {@code declared} bytes ({@code -1}: unknown), at most {@code maxBytes}.
   *
   * @param budget where the array's bytes are reserved; null for no budget
   * @throws BodyTooLargeException if the declared length is over the limit
   * @throws OverBudgetException if the budget or the heap has no room for the array
   */
  public static BodyReader start(long declared, long maxBytes, BodyBudget budget)
      throws BodyTooLargeException, OverBudgetException {
    return start(declared, maxBytes, budget, maxBytes);
  }

  private static BodyReader start(long declared, long maxBytes, BodyBudget budget, long maxUpFront)
      throws BodyTooLargeException, OverBudgetException {
    if (declared > maxBytes) {
      throw new BodyTooLargeException(maxBytes);
    }
    BodyReader reader = new BodyReader(maxBytes, declared, budget);
    long first = declared >= 0 ? Math.min(declared, maxUpFront) : Math.min(UNKNOWN_LENGTH_START, maxBytes);
    reader.allocate((int) first);
    return reader;
  }

  /**
   * Reads a whole body from a blocking stream (a servlet's or JAX-RS's entity stream), where the
   * container holds the thread while the body arrives. Without a budget to bound it, a declared
   * length is trusted only up to {@link #BLOCKING_MAX_UP_FRONT} bytes: a lying header cannot make it
   * allocate the limit for a few bytes.
   */
  public static byte[] readBlocking(InputStream in, long declared, long maxBytes) throws IOException {
    BodyReader reader = start(declared, maxBytes, null, BLOCKING_MAX_UP_FRONT);
    if (in != null) {
      ReadableByteChannel channel = new StreamChannel(in);
      while (!reader.readAvailable(channel)) {
        // A blocking channel returns 0 only for an empty buffer, which readAvailable never passes.
      }
    }
    return reader.body();
  }

  /**
   * Reads what the channel has now.
   *
   * @return true at the end of the body, false when a non-blocking channel has nothing more for now
   * @throws BodyTooLargeException as soon as the body passes the limit
   * @throws OverBudgetException if a growing body finds no room in the budget or the heap
   */
  public boolean readAvailable(ReadableByteChannel channel) throws IOException {
    while (true) {
      if (count == declared) {
        // The declared length is the body's end (the transport frames the body by it): no read past it,
        // which on a blocking stream could wait for bytes that never come.
        return true;
      }
      if (count == buffer.length) {
        // Full: probe for one more byte before growing, so that an exact declared length costs no copy.
        if (probe == null) {
          probe = ByteBuffer.allocate(1);
        }
        probe.clear();
        int n = channel.read(probe);
        if (n < 0) {
          return true;
        }
        if (n == 0) {
          return false;
        }
        grow();
        buffer[count++] = probe.get(0);
        continue;
      }
      int n = channel.read(ByteBuffer.wrap(buffer, count, buffer.length - count));
      if (n < 0) {
        return true;
      }
      if (n == 0) {
        return false;
      }
      count += n;
    }
  }

  /** The body read so far (the array itself when the declared length was exact). */
  public byte[] body() {
    return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
  }

  /** Gives the reserved bytes back to the budget; call once the request is answered. */
  public void release() {
    if (budget != null && reserved > 0) {
      budget.release(reserved);
    }
    reserved = 0;
  }

  private void grow() throws BodyTooLargeException, OverBudgetException {
    long wanted = count + 1L;
    if (wanted > maxBytes) {
      throw new BodyTooLargeException(maxBytes);
    }
    int size = (int) Math.min(maxBytes, Math.max(wanted, Math.max(MIN_GROWTH, 2L * buffer.length)));
    byte[] old = buffer;
    allocate(size);
    System.arraycopy(old, 0, buffer, 0, count);
    if (budget != null) {
      budget.release(old.length);
      reserved -= old.length;
    }
  }

  private void allocate(int size) throws OverBudgetException {
    if (budget != null) {
      if (!budget.tryReserve(size)) {
        throw new OverBudgetException("The server holds " + budget.reserved() + " bytes of request bodies; "
            + size + " more would pass its budget of " + budget.maxBytes() + " bytes");
      }
      reserved += size;
    }
    try {
      buffer = new byte[size];
    } catch (OutOfMemoryError e) {
      if (budget != null) {
        budget.release(size);
        reserved -= size;
      }
      throw new OverBudgetException("The server's heap has no room for a request body of " + size + " bytes");
    }
  }

  /**
   * A blocking stream as a channel that reads straight into the reader's array (the JDK's
   * {@code Channels.newChannel} copies through a buffer of its own).
   */
  private record StreamChannel(InputStream in) implements ReadableByteChannel {
    @Override
    public int read(ByteBuffer target) throws IOException {
      int n = in.read(target.array(), target.arrayOffset() + target.position(), target.remaining());
      if (n > 0) {
        target.position(target.position() + n);
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
