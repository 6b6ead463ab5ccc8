package dev.statefun.jakarta.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.statefun.jakarta.e2e.driver.EgressRecord;
import dev.statefun.jakarta.e2e.driver.IngressMessage;
import dev.statefun.jakarta.e2e.driver.RemoteEndpoint;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random command trees through the real StateFun runtime and our embedded server, under faults
 * injected around our endpoint (500 before the handler, lost replies after it, slow calls) and one
 * forced job failure with a restart from a checkpoint. Every instance's final count (and
 * fingerprint) must be exactly what the generated trees add up to, and no cancelled message may
 * arrive. Size from {@link SmokeSettings} ({@code -Dsmoke.messages=100000} for the full run).
 */
class SmokeIT {
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);

  @Test
  @Timeout(value = 45, unit = TimeUnit.MINUTES)
  void everyCountIsExactUnderFaultsAndARestart() throws Exception {
    long started = System.nanoTime();
    SmokeSettings settings = SmokeSettings.fromSystemProperties();
    Workload workload = Workload.generate(settings);
    FaultInjector faults = new FaultInjector(settings.seed(), settings.pre5xxRate(), settings.lostReplyRate(),
        settings.slowRate(), settings.slowMax());
    FaultInjector.install(faults);
    Instant deadline = Instant.now().plus(settings.deadline());
    System.out.printf(Locale.ROOT, "SMOKE settings: %s%nSMOKE workload: %d messages (%d ingress, %d sends,"
            + " %d delayed), %d instances, %d segments, cancelled tokens %d in-call + %d later%n",
        settings, workload.messages(), workload.ingressMessages(), workload.sends(), workload.delayedSends(),
        workload.ids().size(), settings.segments(), workload.cancelledInCall(), workload.cancelledLater());

    try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0));
         StatefunRuntime runtime = StatefunRuntime.builder()
             .name("smoke")
             .remoteEndpoint(new RemoteEndpoint(VerifierFunction.FUNCTIONS, server.uri(), settings.callTimeout()))
             .egress(VerifierFunction.VERIFY_EGRESS.canonical(), VerifierFunction.EVENTS_EGRESS.canonical(),
                 VerifierFunction.LEAKS_EGRESS.canonical())
             .parallelism(settings.parallelism())
             .maxHeap(settings.runnerHeap())
             .flinkConfiguration("execution.checkpointing.interval", settings.checkpointInterval().toMillis() + "ms")
             .flinkConfiguration("restart-strategy.type", "fixed-delay")
             .flinkConfiguration("restart-strategy.fixed-delay.attempts", "3")
             .flinkConfiguration("restart-strategy.fixed-delay.delay", "1s")
             .maxRuntime(settings.deadline().plusMinutes(2))
             .start()) {
      assertEquals(List.of(VerifierFunction.TYPE), server.functionTypes(), "the embedded server serves the function");
      int probe = probeAccept(server);
      assertEquals(400, probe, "a malformed body with the runtime's headers gets 400 (not 406)");
      Run run = new Run(runtime, new VerifyLedger(workload), deadline);

      // Feed: segment s ends with verify round s; at most two segments ahead of the answered rounds.
      List<List<IngressMessage>> segments = workload.segments();
      int failAfterRound = settings.restart() ? segments.size() / 3 : -1;
      int written = 0;
      while (written < Math.min(2, segments.size())) {
        runtime.sendAll(segments.get(written++));
      }
      Instant failedAt = null;
      for (int round = 0; round < segments.size(); round++) {
        run.awaitRound(round);
        if (written < segments.size()) {
          runtime.sendAll(segments.get(written++));
        }
        if (round == failAfterRound) {
          // After a checkpoint with state in it, while later segments are in flight.
          runtime.awaitNextCheckpoint(Duration.ofMinutes(2));
          runtime.failJob();
          failedAt = Instant.now();
        }
      }
      long fedAt = System.nanoTime();

      // Quiesce: verify rounds until every instance has its final state.
      int round = segments.size();
      while (true) {
        runtime.sendAll(workload.verifyRound(round));
        run.awaitRound(round);
        if (run.ledger.inexact(round).isEmpty()) {
          break;
        }
        if (Instant.now().isAfter(deadline)) {
          fail("Counts still not final at the deadline (" + settings.deadline() + "); last round " + round + ": "
              + summarize(run.ledger.inexact(round)) + "\nviolations: " + summarize(run.ledger.violations())
              + "\n" + runtime.workDirectory());
        }
        round++;
        run.pause(Duration.ofSeconds(1));
      }
      long exactAt = System.nanoTime();
      int exactRound = round;
      // Every message was applied, so every cancelled timer was set before now; a leak would fire
      // within the longest cancelled delay. Wait that long, then confirm nothing moved.
      run.pause(settings.cancelLaterDelay().plusMillis(Workload.MAX_SHORT_DELAY_MS).plusSeconds(5));
      int confirmRound = ++round;
      runtime.sendAll(workload.verifyRound(confirmRound));
      run.awaitRound(confirmRound);
      run.drain();

      long restarts = runtime.events().stream()
          .filter(e -> e.name().equals("job-status") && "RESTARTING".equals(e.field())).count();
      String restoredAt = runtime.events().stream().filter(e -> e.name().equals("feed-restored"))
          .map(e -> e.field()).reduce((a, b) -> a + "," + b).orElse("-");
      long verifyMessages = (confirmRound + 1L) * workload.ids().size();
      long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      String summary = String.format(Locale.ROOT,
          "SMOKE SUMMARY messages=%d ingress=%d instances=%d calls=%d 5xx=%d (%.2f%%: pre-handler=%d lost-replies=%d)"
              + " slow=%d (%.1f s) restarts=%d (feed restored at line %s) cancelled-tokens=%d (in-call=%d later=%d) unknown-cancels=%d"
              + " interpreted=%d (re-run=%d) verify-rounds=%d egress-records=%d re-reported=%d events=%d/%d"
              + " fed=%.1fs exact=%.1fs wall=%.1fs",
          workload.messages(), workload.ingressMessages(), workload.ids().size(), faults.calls(),
          faults.injected5xx(), 100.0 * faults.injected5xx() / Math.max(1, faults.calls()), faults.pre5xx(),
          faults.lostReplies(), faults.slowCalls(), faults.slowMillis() / 1000.0, restarts, restoredAt,
          workload.cancelledInCall() + workload.cancelledLater(), workload.cancelledInCall(),
          workload.cancelledLater(), workload.unknownCancels(), VerifierFunction.INTERPRETED.get(),
          VerifierFunction.INTERPRETED.get() - workload.messages() - verifyMessages, confirmRound + 1,
          run.records, run.ledger.repeatedRecords(), run.ledger.distinctEvents(), workload.eventTags().size(),
          seconds(started, fedAt), seconds(started, exactAt), wallMillis / 1000.0);
      System.out.println(summary);

      assertEquals(List.of(), run.ledger.violations(), "no count above its final value, none below its bound, no leak");
      assertEquals(List.of(), run.ledger.inexact(confirmRound),
          "still exact " + settings.cancelLaterDelay() + " after round " + exactRound);
      assertEquals(List.of(), run.ledger.missingEvents(), "every emitted event reaches the egress at least once");
      assertEquals(0, faults.otherErrors(), "the endpoint itself answered every call with 200");
      assertTrue(faults.pre5xx() > 0 && faults.lostReplies() > 0 && faults.slowCalls() > 0,
          "every kind of fault was injected: " + summary);
      if (faults.calls() >= 1_000) {
        assertTrue(faults.injected5xx() * 100 >= faults.calls(), "at least 1% of the calls were answered 5xx");
      }
      assertTrue(VerifierFunction.INTERPRETED.get() > workload.messages() + verifyMessages,
          "lost replies and the restart made the runtime re-send work");
      if (settings.restart()) {
        assertTrue(failedAt != null, "the job was failed");
        assertEquals(1, restarts, "exactly the forced restart, no other failure");
        assertTrue(!restoredAt.equals("-"), "the job restarted from a checkpoint");
      } else {
        assertEquals(0, restarts, "no job failure");
      }
      assertEquals(0, runtime.stop(), "the runtime stops cleanly");
    } finally {
      FaultInjector.install(null);
    }
  }

  /** POSTs a malformed body with the runtime's headers; returns the status (400 expected). */
  private static int probeAccept(EmbeddedServer server) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(server.uri())
        .header("Content-Type", "application/octet-stream")
        .header("Accept", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(FaultInjector.PROBE_BODY))
        .timeout(Duration.ofSeconds(30))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static double seconds(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos) / 1000.0;
  }

  private static String summarize(List<String> lines) {
    return lines.size() <= 20 ? lines.toString()
        : lines.subList(0, 20) + " and " + (lines.size() - 20) + " more";
  }

  /** Pulls egress records from the runtime into the ledger while waiting. */
  private static final class Run {
    private final StatefunRuntime runtime;
    private final VerifyLedger ledger;
    private final Instant deadline;
    private int records;

    Run(StatefunRuntime runtime, VerifyLedger ledger, Instant deadline) {
      this.runtime = runtime;
      this.ledger = ledger;
      this.deadline = deadline;
    }

    void awaitRound(int round) {
      Instant end = Instant.now().plus(ROUND_TIMEOUT);
      if (end.isAfter(deadline)) {
        end = deadline;
      }
      while (true) {
        drain();
        if (ledger.complete(round)) {
          return;
        }
        if (Instant.now().isAfter(end)) {
          fail("Verify round " + round + " not answered by every instance in time; violations so far: "
              + summarize(ledger.violations()) + "\nwork directory: " + runtime.workDirectory());
        }
        // Also fails at once if the job failed for good or the runtime exited.
        runtime.egressDuring(Duration.ofMillis(200));
      }
    }

    void pause(Duration duration) {
      Instant end = Instant.now().plus(duration);
      while (Instant.now().isBefore(end)) {
        runtime.egressDuring(Duration.ofMillis(Math.min(500, Math.max(1, Duration.between(Instant.now(), end).toMillis()))));
        drain();
      }
    }

    /** Feeds new records to the ledger; fails at once on a violation, which no later record can undo. */
    void drain() {
      List<EgressRecord> all = runtime.egressRecords();
      for (int i = records; i < all.size(); i++) {
        ledger.accept(all.get(i));
      }
      records = all.size();
      if (!ledger.violations().isEmpty()) {
        fail("Exactly-once violated: " + summarize(ledger.violations()) + "\nwork directory: "
            + runtime.workDirectory());
      }
    }
  }
}
