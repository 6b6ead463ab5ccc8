package dev.statefun.jakarta.smoke;

import dev.statefun.jakarta.e2e.driver.IngressMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random command trees from a seed, and what they must do, computed here while generating (never
 * asked of the function): each instance's final count, a lower bound of its count at every verify
 * round, the event tags that must reach the events egress.
 *
 * <p>Every delivered message holds an {@link Command.Inc}, so "all counts exact" implies "every
 * message was applied", including the ones that issue and cancel delayed messages. Two
 * cancellation patterns: cancelled in the same invocation, and cancelled by a later invocation of
 * the same instance (a message it sends itself), which reaches the runtime in another call.
 * A cancelled message carries a {@link Command.Leak} plus an increment: if it ever arrives, the
 * leak is reported and the count overshoots.
 */
final class Workload {
  /** Depth of the deepest message below an ingress message. */
  static final int MAX_DEPTH = 3;
  /** Upper bound of the plain delays and of the delays cancelled in the same invocation. */
  static final int MAX_SHORT_DELAY_MS = 1_000;

  private final SmokeSettings settings;
  private final SplittableRandom random;
  private final String[] ids;
  private final Map<String, Integer> index = new HashMap<>();
  private final long[] expected;
  private final long[] fingerprints;
  private final long[] topLevel;
  private final long[][] lowerBounds;
  private final List<List<IngressMessage>> segments = new ArrayList<>();
  private final Set<String> eventTags = new HashSet<>();
  private long sequence;

  private long messages;
  private long ingressMessages;
  private long sends;
  private long delayedSends;
  private long cancelledInCall;
  private long cancelledLater;
  private long unknownCancels;

  private Workload(SmokeSettings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    int width = Integer.toString(settings.instances() - 1).length();
    this.ids = new String[settings.instances()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "i" + "0".repeat(width - Integer.toString(i).length()) + i;
      index.put(ids[i], i);
    }
    this.expected = new long[ids.length];
    this.fingerprints = new long[ids.length];
    this.topLevel = new long[ids.length];
    this.lowerBounds = new long[settings.segments()][];
  }

  static Workload generate(SmokeSettings settings) {
    Workload workload = new Workload(settings);
    workload.generate();
    return workload;
  }

  private void generate() {
    int segmentCount = settings.segments();
    for (int s = 0; s < segmentCount; s++) {
      segments.add(new ArrayList<>());
    }
    int current = 0;
    while (messages < settings.messages()) {
      int segment = (int) Math.min(segmentCount - 1, messages * segmentCount / settings.messages());
      while (current < segment) {
        closeSegment(current++);
      }
      int target = random.nextInt(ids.length);
      ingressMessages++;
      List<Command> body = message(target, 0);
      segments.get(segment).add(new IngressMessage(VerifierFunction.TYPE, ids[target], Commands.TYPE_NAME,
          Commands.encode(body)));
    }
    while (current < segmentCount) {
      closeSegment(current++);
    }
  }

  /** Appends verify round {@code segment} for every instance; ingress order bounds what it must see. */
  private void closeSegment(int segment) {
    lowerBounds[segment] = topLevel.clone();
    segments.get(segment).addAll(verifyRound(segment));
  }

  /** A message delivered to instance {@code at}, {@code depth} sends below an ingress message. */
  private List<Command> message(int at, int depth) {
    messages++;
    List<Command> commands = new ArrayList<>();
    int amount = 1 + random.nextInt(5);
    commands.add(inc(at, amount));
    if (depth == 0) {
      topLevel[at] += amount;
    }
    if (depth < MAX_DEPTH) {
      double r = random.nextDouble();
      int children = r < 0.35 ? 0 : r < 0.75 ? 1 : 2;
      for (int c = 0; c < children; c++) {
        int to = random.nextInt(ids.length);
        if (random.nextDouble() < 0.25) {
          delayedSends++;
          int delay = 1 + random.nextInt(MAX_SHORT_DELAY_MS);
          commands.add(new Command.SendAfter(delay, ids[to], message(to, depth + 1)));
        } else {
          sends++;
          commands.add(new Command.Send(ids[to], message(to, depth + 1)));
        }
      }
      if (random.nextDouble() < 0.01) {
        // Cancelled by a later invocation: this instance sends itself the cancellation.
        cancelledLater++;
        String token = token();
        commands.add(new Command.SendAfterWithToken((int) settings.cancelLaterDelay().toMillis(),
            ids[random.nextInt(ids.length)], token, leak(token)));
        sends++;
        messages++;
        commands.add(new Command.Send(ids[at], List.of(new Command.Cancel(token), inc(at, 1))));
      }
    }
    if (random.nextDouble() < 0.03) {
      // Issued and cancelled in the same invocation, with other commands in between.
      cancelledInCall++;
      String token = token();
      int position = 1 + random.nextInt(commands.size());
      commands.add(position, new Command.SendAfterWithToken(1 + random.nextInt(MAX_SHORT_DELAY_MS),
          ids[random.nextInt(ids.length)], token, leak(token)));
      commands.add(new Command.Cancel(token));
    }
    if (random.nextDouble() < 0.005) {
      unknownCancels++;
      commands.add(new Command.Cancel("never-issued-" + sequence++));
    }
    if (random.nextDouble() < 0.02) {
      String tag = "e" + sequence++;
      eventTags.add(tag);
      commands.add(new Command.Emit(tag));
    }
    return commands;
  }

  /** An increment of instance {@code at} that must be applied exactly once. */
  private Command.Inc inc(int at, int amount) {
    long nonce = random.nextLong();
    expected[at] += amount;
    fingerprints[at] += nonce;
    return new Command.Inc(amount, nonce);
  }

  /** The body of a message that is always cancelled: must never be applied. */
  private List<Command> leak(String token) {
    return List.of(new Command.Leak(token), new Command.Inc(1 + random.nextInt(5), random.nextLong()));
  }

  private String token() {
    return "tok-" + settings.seed() + "-" + sequence++;
  }

  /** A verify command for every instance, as ingress messages. */
  List<IngressMessage> verifyRound(int round) {
    byte[] verify = Commands.encode(List.of(new Command.Verify(round)));
    List<IngressMessage> lines = new ArrayList<>(ids.length);
    for (String id : ids) {
      lines.add(new IngressMessage(VerifierFunction.TYPE, id, Commands.TYPE_NAME, verify));
    }
    return lines;
  }

  /** The feed, in segments; segment {@code s} ends with verify round {@code s}. */
  List<List<IngressMessage>> segments() {
    return segments;
  }

  List<String> ids() {
    return List.of(ids);
  }

  /** The instance's position in {@link #ids()}, or -1. */
  int indexOf(String id) {
    return index.getOrDefault(id, -1);
  }

  /** Final count of each instance, by position in {@link #ids()}. */
  long[] expected() {
    return expected.clone();
  }

  long expected(int instance) {
    return expected[instance];
  }

  /** Final fingerprint of each instance: the sum of the nonces of its increments, modulo 2^64. */
  long expectedFingerprint(int instance) {
    return fingerprints[instance];
  }

  /**
   * The least count instance {@code instance} can report in segment round {@code round}: the
   * increments of the ingress messages before it in the feed (the runtime keeps an instance's
   * ingress order). Sends and delayed messages may still be on their way.
   */
  long lowerBound(int round, int instance) {
    return lowerBounds[round][instance];
  }

  Set<String> eventTags() {
    return Set.copyOf(eventTags);
  }

  long messages() {
    return messages;
  }

  long ingressMessages() {
    return ingressMessages;
  }

  long sends() {
    return sends;
  }

  long delayedSends() {
    return delayedSends;
  }

  long cancelledInCall() {
    return cancelledInCall;
  }

  long cancelledLater() {
    return cancelledLater;
  }

  long unknownCancels() {
    return unknownCancels;
  }
}
