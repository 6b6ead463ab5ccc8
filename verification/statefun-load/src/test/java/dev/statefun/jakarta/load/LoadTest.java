package dev.statefun.jakarta.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The load run as a test: in every build the short version (16 clients, 5 s) checks correctness
 * under concurrency; {@code -Pload} makes it the measured run (64 clients, 60 s). No assertion on
 * speed: the figures are reported, not judged.
 */
class LoadTest {
  @Test
  void everyReplyHoldsExactlyItsOwnRequestsEffects() throws Exception {
    LoadSettings settings = LoadSettings.fromSystemProperties();
    LoadReport report = LoadRun.run(settings);

    assertEquals(0, report.errors(), () -> "wrong replies, first ones: " + report.firstErrors());
    assertTrue(report.requests() > 0, "no request was measured");
    for (int i = 0; i < settings.batchSizes().length; i++) {
      assertTrue(report.requestsByBatch()[i] > 0, "no batch of " + settings.batchSizes()[i] + " was sent");
    }
    // Flat memory: what the server holds after a full GC at the end is close to what it held after the
    // warm-up (it keeps nothing per request); the margin is generous, this is no measurement.
    long afterWarmup = report.memory().get(1).heapAfterGcBytes();
    long end = report.memory().get(3).heapAfterGcBytes();
    assertTrue(end - afterWarmup < 64L << 20,
        () -> "the server's heap after GC grew from " + (afterWarmup >> 20) + " MiB to " + (end >> 20) + " MiB");
  }
}
