package dev.statefun.jakarta.cluster;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every committed egress record as it arrives against the {@link Workload}: per name each greeting
 * ordinal 1..count exactly once (topics greetings and inbox), per user exactly one of the two legal reminder
 * histories, each record once. Any record that is a duplicate, out of range or unknown is a violation.
 */
final class EgressLedger {
  private static final Pattern GREETING = Pattern.compile("Hello (\\S+) for the (\\d+)(st|nd|rd|th) time!");
  private static final Pattern INBOX = Pattern.compile("(\\d+): (.*)");
  /**
   * The reminders function's record for a reminder that was already due (its timer fired, the message on its
   * way to the function) when #2 cancelled it: cancelling by token removes a pending timer only.
   */
  static final String LATE = "#1 arrived after it was cancelled";

  private final Workload workload;
  private final Map<String, Integer> nameIndex = new HashMap<>();
  private final Map<String, Integer> userIndex = new HashMap<>();
  private final BitSet[] greeted;
  private final BitSet[] inboxed;
  private final List<Set<String>> reminders;
  private final List<String> violations = new ArrayList<>();
  private long greetings;
  private long inbox;
  private int remindersDue;
  private int cancelled;
  private int firstDelivered;
  private int late;

  EgressLedger(Workload workload) {
    this.workload = workload;
    greeted = new BitSet[workload.ids()];
    inboxed = new BitSet[workload.ids()];
    for (int i = 0; i < workload.ids(); i++) {
      nameIndex.put(workload.name(i), i);
      greeted[i] = new BitSet();
      inboxed[i] = new BitSet();
    }
    reminders = new ArrayList<>();
    for (int u = 0; u < workload.users(); u++) {
      userIndex.put(workload.user(u), u);
      reminders.add(new HashSet<>());
    }
  }

  synchronized void accept(String topic, String key, String value) {
    switch (topic) {
      case "greetings" -> greeting(key, value);
      case "inbox" -> inbox(key, value);
      case "reminders" -> reminder(key, value);
      default -> violation("record on unexpected topic " + topic + ": " + key + " " + value);
    }
  }

  private void greeting(String key, String value) {
    Matcher m = GREETING.matcher(value);
    Integer i = nameIndex.get(key);
    if (i == null || !m.matches() || !m.group(1).equals(key)) {
      violation("unexpected greeting " + key + ": " + value);
      return;
    }
    int n = Integer.parseInt(m.group(2));
    if (n < 1 || n > workload.expectedCount(i)) {
      violation(key + " greeted for the " + n + "th time, but it was sent " + workload.expectedCount(i) + " times");
    } else if (greeted[i].get(n)) {
      violation("duplicate greeting " + key + ": " + value);
    } else {
      greeted[i].set(n);
      greetings++;
    }
  }

  private void inbox(String key, String value) {
    Matcher m = INBOX.matcher(value);
    Integer i = nameIndex.get(key);
    Matcher g = m.matches() ? GREETING.matcher(m.group(2)) : null;
    if (i == null || g == null || !g.matches() || !g.group(1).equals(key)) {
      violation("unexpected inbox record " + key + ": " + value);
      return;
    }
    int n = Integer.parseInt(m.group(1));
    if (n != Integer.parseInt(g.group(2))) {
      violation("inbox " + key + " numbered " + n + " the greeting for the " + g.group(2) + "th time");
    } else if (n < 1 || n > workload.expectedCount(i)) {
      violation("inbox " + key + " got " + n + " greetings, but the name was sent " + workload.expectedCount(i) + " times");
    } else if (inboxed[i].get(n)) {
      violation("duplicate inbox record " + key + ": " + value);
    } else {
      inboxed[i].set(n);
      inbox++;
    }
  }

  private void reminder(String key, String value) {
    Integer u = userIndex.get(key);
    if (u == null) {
      violation("reminder for unknown user " + key + ": " + value);
      return;
    }
    Set<String> seen = reminders.get(u);
    String firstDue = "#1 due: " + workload.firstText(u);
    Set<String> legal = Set.of("#1 scheduled", "#1 cancelled", "#2 scheduled", firstDue,
        "#2 due: " + workload.secondText(u), LATE);
    if (!legal.contains(value)) {
      violation("reminders " + key + ": unexpected " + value);
    } else if (!seen.add(value)) {
      violation("reminders " + key + ": duplicate " + value);
    } else if (seen.contains("#1 cancelled") && seen.contains(firstDue)) {
      violation("reminders " + key + ": #1 both cancelled and delivered");
    } else if (seen.contains(LATE) && seen.contains(firstDue)) {
      violation("reminders " + key + ": #1 both delivered and arrived late");
    } else {
      switch (value.substring(0, 5)) {
        case "#2 du" -> remindersDue++;
        case "#1 ca" -> cancelled++;
        case "#1 du" -> firstDelivered++;
        case "#1 ar" -> late++;
        default -> { }
      }
    }
  }

  private void violation(String what) {
    if (violations.size() < 50) {
      violations.add(what);
    }
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** Committed records accepted so far, all topics. */
  synchronized long records() {
    return greetings + inbox + remindersDue + cancelled + firstDelivered;
  }

  synchronized long greetings() {
    return greetings;
  }

  /** Every expected record seen: all greetings and inbox records, every user's #2 delivered and #1 resolved. */
  synchronized boolean complete() {
    return greetings == workload.greetings() && inbox == workload.greetings()
        && remindersDue == workload.users() && cancelled + firstDelivered == workload.users();
  }

  /** Exactness at the end: every ordinal of every name present (counts alone could hide a swap). */
  synchronized List<String> missing() {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < workload.ids() && missing.size() < 20; i++) {
      int expected = workload.expectedCount(i);
      if (greeted[i].cardinality() != expected || inboxed[i].cardinality() != expected) {
        missing.add(workload.name(i) + ": " + greeted[i].cardinality() + " greetings, " + inboxed[i].cardinality()
            + " inbox records, expected " + expected);
      }
    }
    for (int u = 0; u < workload.users() && missing.size() < 20; u++) {
      Set<String> seen = reminders.get(u);
      Set<String> cancelledHistory = Set.of("#1 scheduled", "#1 cancelled", "#2 scheduled", "#2 due: " + workload.secondText(u));
      Set<String> deliveredHistory = Set.of("#1 scheduled", "#1 due: " + workload.firstText(u), "#2 scheduled",
          "#2 due: " + workload.secondText(u));
      Set<String> lateHistory = new HashSet<>(cancelledHistory);
      lateHistory.add(LATE);
      if (!seen.equals(cancelledHistory) && !seen.equals(deliveredHistory) && !seen.equals(lateHistory)) {
        missing.add(workload.user(u) + ": reminder history " + seen);
      }
    }
    return missing;
  }

  synchronized String summary() {
    return "greetings=" + greetings + " inbox=" + inbox + " reminders-due=" + remindersDue
        + " cancelled-by-replacement=" + cancelled + " first-delivered-before-replacement=" + firstDelivered
        + " first-arrived-after-cancelled=" + late;
  }
}
