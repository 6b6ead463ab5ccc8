package dev.statefun.jakarta.load;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one run.
 *
 * @param memory the server's memory after start, after the warm-up, in the middle and at the end
 * @param loadAverageBefore /proc/loadavg when the run began (the box may be shared)
 */
public record LoadReport(LoadSettings settings, String server, double seconds, long requests, long invocations,
    long warmupRequests, long errors, List<String> firstErrors, long[] latencyNanos, long[][] latencyByBatchNanos,
    long[] requestsByBatch, List<MemorySample> memory, String loadAverageBefore, String loadAverageAfter) {

  /** p50, p99, max. */
  static long[] summary(Latencies latencies) {
    return new long[] {latencies.percentile(50), latencies.percentile(99), latencies.max()};
  }

  public double requestsPerSecond() {
    return requests / seconds;
  }

  public double invocationsPerSecond() {
    return invocations / seconds;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append("StateFun load test: ").append(settings).append('\n');
    out.append("server: ").append(server).append('\n');
    out.append("load average before: ").append(loadAverageBefore).append("; after: ").append(loadAverageAfter)
        .append(" (").append(Runtime.getRuntime().availableProcessors()).append(" CPUs)\n");
    out.append(String.format(Locale.ROOT, "measured %.1f s: %d requests (%.0f/s), %d invocations (%.0f/s); "
        + "%d warm-up requests; errors: %d%n", seconds, requests, requestsPerSecond(), invocations,
        invocationsPerSecond(), warmupRequests, errors));
    out.append(line("latency, all requests", requests, latencyNanos));
    for (int i = 0; i < settings.batchSizes().length; i++) {
      out.append(line("latency, batch of " + settings.batchSizes()[i], requestsByBatch[i], latencyByBatchNanos[i]));
    }
    out.append("server memory:\n");
    for (MemorySample sample : memory) {
      out.append("  ").append(sample).append('\n');
    }
    for (String error : firstErrors) {
      out.append("error: ").append(error).append('\n');
    }
    return out.toString();
  }

  private static String line(String label, long count, long[] nanos) {
    return String.format(Locale.ROOT, "%-24s p50 %7.2f ms, p99 %7.2f ms, max %7.2f ms (%d requests)%n", label + ":",
        nanos[0] / 1e6, nanos[1] / 1e6, nanos[2] / 1e6, count);
  }
}
