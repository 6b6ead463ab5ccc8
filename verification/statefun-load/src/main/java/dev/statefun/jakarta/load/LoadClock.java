package dev.statefun.jakarta.load;

/** The phases of a run, shared by the clients: warm-up, measured, over. */
final class LoadClock {
  private final long measureFrom;
  private final long measureUntil;

  LoadClock(long startNanos, long warmupNanos, long durationNanos) {
    this.measureFrom = startNanos + warmupNanos;
    this.measureUntil = measureFrom + durationNanos;
  }

  /** Whether clients should send another request. */
  boolean running() {
    return System.nanoTime() < measureUntil;
  }

  /** Whether an exchange lies within the measured part (it started after the warm-up and ended before the end). */
  boolean measuring(long startedNanos, long finishedNanos) {
    return startedNanos >= measureFrom && finishedNanos <= measureUntil;
  }

  long measureFrom() {
    return measureFrom;
  }

  long measureUntil() {
    return measureUntil;
  }
}
