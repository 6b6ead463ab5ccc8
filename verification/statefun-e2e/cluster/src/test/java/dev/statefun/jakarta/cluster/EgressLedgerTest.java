package dev.statefun.jakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the cluster smoke test accepts as exact output, and what it rejects. */
class EgressLedgerTest {
  private final Workload workload = new Workload(15, 5); // 13 greetings over 5 names, 1 user

  private EgressLedger completeExceptReminders() {
    EgressLedger ledger = new EgressLedger(workload);
    for (int i = 0; i < workload.ids(); i++) {
      for (int n = 1; n <= workload.expectedCount(i); n++) {
        String greeting = "Hello " + workload.name(i) + " for the " + n + (n == 1 ? "st" : n == 2 ? "nd" : n == 3 ? "rd" : "th")
            + " time!";
        ledger.accept("greetings", workload.name(i), greeting);
        ledger.accept("inbox", workload.name(i), n + ": " + greeting);
      }
    }
    return ledger;
  }

  private static void remind(EgressLedger ledger, String... values) {
    for (String v : values) {
      ledger.accept("reminders", "u00000", v);
    }
  }

  @Test
  void acceptsTheThreeLegalReminderHistories() {
    List<List<String>> histories = List.of(
        List.of("#1 scheduled", "#1 cancelled", "#2 scheduled", "#2 due: b-u00000"),
        List.of("#1 scheduled", "#1 due: a-u00000", "#2 scheduled", "#2 due: b-u00000"),
        List.of("#1 scheduled", "#1 cancelled", "#2 scheduled", EgressLedger.LATE, "#2 due: b-u00000"));
    for (List<String> history : histories) {
      EgressLedger ledger = completeExceptReminders();
      assertFalse(ledger.complete());
      remind(ledger, history.toArray(String[]::new));
      assertTrue(ledger.complete(), history.toString());
      assertEquals(List.of(), ledger.violations());
      assertEquals(List.of(), ledger.missing());
    }
  }

  @Test
  void rejectsAReminderBothCancelledAndDelivered() {
    EgressLedger ledger = completeExceptReminders();
    remind(ledger, "#1 scheduled", "#1 cancelled", "#1 due: a-u00000");
    assertEquals(1, ledger.violations().size(), ledger.violations().toString());
  }

  @Test
  void rejectsDuplicatesAndOrdinalsBeyondTheCountSent() {
    EgressLedger ledger = completeExceptReminders();
    ledger.accept("greetings", "n00000", "Hello n00000 for the 1st time!");
    ledger.accept("inbox", "n00000", "9: Hello n00000 for the 9th time!");
    remind(ledger, "#1 scheduled", "#1 scheduled");
    assertEquals(3, ledger.violations().size(), ledger.violations().toString());
  }

  @Test
  void reportsWhatIsMissing() {
    EgressLedger ledger = new EgressLedger(workload);
    remind(ledger, "#1 scheduled", "#1 cancelled", "#2 scheduled");
    assertFalse(ledger.complete());
    assertEquals(6, ledger.missing().size(), ledger.missing().toString()); // 5 names + 1 user
  }
}
