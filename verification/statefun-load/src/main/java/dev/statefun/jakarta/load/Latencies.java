package dev.statefun.jakarta.load;

import java.util.Arrays;

/** Latencies in nanoseconds, kept whole (a run has at most a few hundred thousand) for exact percentiles. */
final class Latencies {
  private long[] values = new long[1024];
  private int size;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  void addAll(Latencies other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  int count() {
    return size;
  }

  /** The value below which {@code percent} of the values lie (nearest rank); 0 when empty. */
  long percentile(double percent) {
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
  }

  long max() {
    long max = 0;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, values[i]);
    }
    return max;
  }
}
