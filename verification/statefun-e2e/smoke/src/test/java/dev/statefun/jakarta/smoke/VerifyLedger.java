package dev.statefun.jakarta.smoke;

import dev.statefun.jakarta.e2e.driver.EgressRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every egress record against the {@link Workload} as it arrives.
 *
 * <p>The egress is at-least-once across a restart: records emitted between the last checkpoint and
 * the failure are reported again, and a round may be answered before the failure and again after
 * it. So only state-derived values are judged, and each one on its own: a count above the expected
 * final count is a message applied twice (state only grows, and what a rolled-back attempt
 * reported is re-applied after the restore, never more); a count below the round's lower bound is
 * a lost message; a report of a cancelled message is a leak. For a round answered twice the
 * record with the higher count is kept, which is the later state.
 */
final class VerifyLedger {
  /** One instance's answer to one verify round. */
  record Report(long count, long fingerprint, int leaked) {}

  private final Workload workload;
  private final Set<String> eventTags;
  private final Map<Integer, Report[]> rounds = new HashMap<>();
  private final Map<Integer, Integer> answered = new HashMap<>();
  private final Map<String, Integer> events = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private long verifyRecords;
  private long repeatedRecords;
  private long eventRecords;

  VerifyLedger(Workload workload) {
    this.workload = workload;
    this.eventTags = workload.eventTags();
  }

  void accept(EgressRecord record) {
    String egress = record.egress();
    String[] fields = record.stringValue().split("\t", -1);
    if (egress.equals(VerifierFunction.VERIFY_EGRESS.canonical())) {
      verify(fields);
    } else if (egress.equals(VerifierFunction.EVENTS_EGRESS.canonical())) {
      eventRecords++;
      String tag = fields[1];
      if (!eventTags.contains(tag)) {
        violation("event '" + tag + "' from " + fields[0] + " was never generated");
      }
      events.merge(tag, 1, Integer::sum);
    } else if (egress.equals(VerifierFunction.LEAKS_EGRESS.canonical())) {
      violation("cancelled message " + fields[1] + " was delivered to " + fields[0]);
    } else {
      violation("record on an unexpected egress " + egress + ": " + record);
    }
  }

  private void verify(String[] fields) {
    verifyRecords++;
    int round = Integer.parseInt(fields[0]);
    String id = fields[1];
    int instance = workload.indexOf(id);
    if (instance < 0) {
      violation("verify record for an unknown instance " + id);
      return;
    }
    Report report = new Report(Long.parseLong(fields[2]), Long.parseLong(fields[3]), Integer.parseInt(fields[4]));
    long expected = workload.expected(instance);
    if (report.count() > expected) {
      violation(id + " reported count " + report.count() + " in round " + round + ", above its final count "
          + expected + ": a message was applied more than once (or a cancelled one delivered)");
    }
    if (round < workload.segments().size() && report.count() < workload.lowerBound(round, instance)) {
      violation(id + " reported count " + report.count() + " in round " + round + ", below "
          + workload.lowerBound(round, instance) + ", what its earlier ingress messages alone add up to: lost");
    }
    if (report.leaked() != 0) {
      violation(id + " received " + report.leaked() + " cancelled message(s) (round " + round + ")");
    }
    Report[] reports = rounds.computeIfAbsent(round, r -> new Report[workload.ids().size()]);
    Report previous = reports[instance];
    if (previous == null) {
      answered.merge(round, 1, Integer::sum);
      reports[instance] = report;
    } else {
      repeatedRecords++;
      if (report.count() > previous.count()) {
        reports[instance] = report;
      }
    }
  }

  private void violation(String text) {
    if (violations.size() < 1_000) {
      violations.add(text);
    }
  }

  /** Whether every instance has answered verify round {@code round}. */
  boolean complete(int round) {
    return answered.getOrDefault(round, 0) == workload.ids().size();
  }

  /** Instances whose answer to a complete round differs from the final expected state, described. */
  List<String> inexact(int round) {
    Report[] reports = rounds.get(round);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < workload.ids().size(); i++) {
      Report report = reports == null ? null : reports[i];
      long expected = workload.expected(i);
      if (report == null) {
        wrong.add(workload.ids().get(i) + ": no answer");
      } else if (report.count() != expected || report.fingerprint() != workload.expectedFingerprint(i)) {
        wrong.add(workload.ids().get(i) + ": count " + report.count() + " (expected " + expected + ")"
            + (report.fingerprint() != workload.expectedFingerprint(i) ? ", fingerprint differs" : ""));
      }
    }
    return wrong;
  }

  /** Sum of the counts reported in a round. */
  long total(int round) {
    Report[] reports = rounds.get(round);
    long total = 0;
    if (reports != null) {
      for (Report report : reports) {
        total += report == null ? 0 : report.count();
      }
    }
    return total;
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  /** Generated event tags that never reached the events egress (at-least-once: must be none). */
  List<String> missingEvents() {
    return eventTags.stream().filter(tag -> !events.containsKey(tag)).sorted().toList();
  }

  long verifyRecords() {
    return verifyRecords;
  }

  /** Verify records for a round and instance already answered: re-reported after the restart. */
  long repeatedRecords() {
    return repeatedRecords;
  }

  long eventRecords() {
    return eventRecords;
  }

  long distinctEvents() {
    return events.size();
  }
}
