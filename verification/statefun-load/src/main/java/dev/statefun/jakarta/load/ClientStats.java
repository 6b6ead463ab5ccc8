package dev.statefun.jakarta.load;

import java.util.ArrayList;
import java.util.List;

/** What one client saw; merged into the run's figures at the end. */
final class ClientStats {
  private static final int KEPT_ERRORS = 5;
  final int[] batchSizes;
  final Latencies all = new Latencies();
  final Latencies[] byBatchSize;
  long requests;
  long invocations;
  long warmupRequests;
  long errors;
  final List<String> firstErrors = new ArrayList<>();

  ClientStats(int[] batchSizes) {
    this.batchSizes = batchSizes;
    this.byBatchSize = new Latencies[batchSizes.length];
    for (int i = 0; i < batchSizes.length; i++) {
      byBatchSize[i] = new Latencies();
    }
  }

  /** One request and its reply; {@code invocations} is how many ran (0 for a request for missing state). */
  void exchange(boolean measured, int sizeIndex, int invocations, long nanos) {
    if (!measured) {
      warmupRequests++;
      return;
    }
    requests++;
    this.invocations += invocations;
    all.add(nanos);
    byBatchSize[sizeIndex].add(nanos);
  }

  void error(String message) {
    errors++;
    if (firstErrors.size() < KEPT_ERRORS) {
      firstErrors.add(message);
    }
  }

  void addAll(ClientStats other) {
    requests += other.requests;
    invocations += other.invocations;
    warmupRequests += other.warmupRequests;
    errors += other.errors;
    for (String e : other.firstErrors) {
      if (firstErrors.size() < KEPT_ERRORS) {
        firstErrors.add(e);
      }
    }
    all.addAll(other.all);
    for (int i = 0; i < byBatchSize.length; i++) {
      byBatchSize[i].addAll(other.byBatchSize[i]);
    }
  }
}
