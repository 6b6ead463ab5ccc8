package dev.statefun.jakarta.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of request bodies a server holds at once, across all requests: a request whose
 * body would take it over the budget is answered 503 with {@code Retry-After} (the runtime retries)
 * before any of its body is held, instead of the heap running out under concurrent large bodies.
 * Bytes are reserved before they are allocated and released when the request is answered.
 */
public final class BodyBudget {
  /** The share of the maximum heap that request bodies may take by default. */
  public static final int DEFAULT_HEAP_SHARE_PERCENT = 25;

  private final long maxBytes;
  private final AtomicLong reserved = new AtomicLong();

  /** @param maxBytes at least 1 */
  public BodyBudget(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("A body budget must be at least 1 byte, not " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** {@value #DEFAULT_HEAP_SHARE_PERCENT}% of the maximum heap ({@code -Xmx}). */
  public static long defaultBytes() {
    return Runtime.getRuntime().maxMemory() / 100 * DEFAULT_HEAP_SHARE_PERCENT;
  }

  /** Reserves {@code bytes} if they fit in the budget; a reservation of 0 always fits. */
  public boolean tryReserve(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative reservation: " + bytes);
    }
    while (true) {
      long now = reserved.get();
      long next = now + bytes;
      if (next > maxBytes && bytes > 0) {
        return false;
      }
      if (reserved.compareAndSet(now, next)) {
        return true;
      }
    }
  }

  /** Gives back bytes reserved earlier. */
  public void release(long bytes) {
    reserved.addAndGet(-bytes);
  }

  /** The bytes reserved now. */
  public long reserved() {
    return reserved.get();
  }

  /** The budget, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }
}
