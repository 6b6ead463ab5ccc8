package dev.statefun.jakarta.testing;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Delayed messages waiting on a virtual clock, as the runtime keeps them: a cancellation token belongs to the address
 * that sent the message, only that address cancels it, and (with unique tokens) a second pending message with the same
 * token from the same address fails (the runtime fails the job). Shared by {@link TestRuntime} and {@link FunctionTester}.
 */
final class DelayedQueue {
  private final TreeSet<Scheduled> scheduled = new TreeSet<>();
  /** Whether a second pending message with one token fails, as in the runtime (see the constructor). */
  private final boolean uniqueTokens;
  private long sequence;
  private Duration now = Duration.ZERO;

  /**
   * @param uniqueTokens fail on a second pending message with the same token from the same address, as the runtime
   *     does; {@link FunctionTester} does not, as a test may deliver a delayed message by hand, which then stays here
   */
  DelayedQueue(boolean uniqueTokens) {
    this.uniqueTokens = uniqueTokens;
  }

  /** A delayed message waiting for its time; ordered by time, then by sending. */
  record Scheduled(Duration due, long sequence, Address sender, Optional<CancellationToken> token, Message message)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled other) {
      int byTime = due.compareTo(other.due);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  /**
   * Applies what one invocation of {@code sender}, now, asked, in the order it asked: cancellations and delayed
   * messages (those {@code kept} accepts; the others are only in the result).
   *
   * @param inOrder {@link DelayedMessage}s and {@link CancellationToken}s, as {@link FunctionTester.Exchange} has them
   */
  void record(Address sender, List<Object> inOrder, Predicate<Message> kept) {
    for (Object effect : inOrder) {
      if (effect instanceof CancellationToken token) {
        scheduled.removeIf(s -> s.sender().equals(sender) && s.token().equals(Optional.of(token)));
      } else if (effect instanceof DelayedMessage delayed) {
        schedule(sender, delayed, kept);
      }
    }
  }

  private void schedule(Address sender, DelayedMessage delayed, Predicate<Message> kept) {
    delayed.token().filter(token -> uniqueTokens).ifPresent(token -> {
      if (scheduled.stream().anyMatch(s -> s.sender().equals(sender) && s.token().equals(Optional.of(token)))) {
        throw new IllegalStateException(sender + " sent a second delayed message with the token " + token.token()
            + " while the first is pending; the runtime fails the job for this: cancel the first or use a new token");
      }
    });
    if (kept.test(delayed.message())) {
      scheduled.add(new Scheduled(now.plus(delayed.delay()), sequence++, sender, delayed.token(), delayed.message()));
    }
  }

  /** The virtual time: zero at first, moved only by {@link #advance}. */
  Duration now() {
    return now;
  }

  /**
   * Moves the clock forward by {@code duration}, handing each message due by then to {@code deliver} in the order of
   * its time (then of sending), with the clock at that time; what {@code deliver} schedules and is due joins in.
   *
   * @return what {@code deliver} returned, in order
   */
  <R> List<R> advance(Duration duration, Function<Scheduled, List<R>> deliver) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time moves forward only: " + duration);
    }
    Duration until = now.plus(duration);
    List<R> results = new ArrayList<>();
    while (!scheduled.isEmpty() && scheduled.first().due().compareTo(until) <= 0) {
      Scheduled next = scheduled.pollFirst();
      now = next.due();
      results.addAll(deliver.apply(next));
    }
    now = until;
    return results;
  }

  /** The waiting messages in the order they are due, each with the delay left now. */
  List<DelayedMessage> pending() {
    return scheduled.stream().map(s -> new DelayedMessage(s.due().minus(now), s.token(), s.message())).toList();
  }
}
