package dev.statefun.jakarta.smoke;

import java.util.List;
import java.util.Objects;

/**
 * One step of the verification function's program. A message carries a list of commands (a
 * {@link #TYPE}); sends carry their own lists, so one ingress message unfolds into a tree of
 * messages across instances. The test generates the trees and knows what each one must do.
 */
sealed interface Command {

  /**
   * Adds {@code amount} (positive) to the instance's count and {@code nonce} to its fingerprint (a
   * sum modulo 2^64 of random numbers, one per message: a lost message and a duplicated one cannot
   * cancel out there, as they could in the count).
   */
  record Inc(int amount, long nonce) implements Command {
    public Inc {
      if (amount <= 0) {
        throw new IllegalArgumentException("amount must be positive: " + amount);
      }
    }
  }

  /** Sends {@code body} to instance {@code target} now. */
  record Send(String target, List<Command> body) implements Command {
    public Send {
      Objects.requireNonNull(target, "target");
      body = List.copyOf(body);
    }
  }

  /** Sends {@code body} to instance {@code target} after {@code delayMillis}. */
  record SendAfter(int delayMillis, String target, List<Command> body) implements Command {
    public SendAfter {
      Objects.requireNonNull(target, "target");
      body = List.copyOf(body);
    }
  }

  /** Like {@link SendAfter}, with a cancellation token; the generator always cancels it. */
  record SendAfterWithToken(int delayMillis, String target, String token, List<Command> body) implements Command {
    public SendAfterWithToken {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(token, "token");
      body = List.copyOf(body);
    }
  }

  /** Cancels the delayed message this instance sent with {@code token} (a no-op if there is none). */
  record Cancel(String token) implements Command {
    public Cancel {
      Objects.requireNonNull(token, "token");
    }
  }

  /** Emits {@code tag} to the events egress. */
  record Emit(String tag) implements Command {
    public Emit {
      Objects.requireNonNull(tag, "tag");
    }
  }

  /** Reports the instance's count and leak count to the verify egress, for round {@code round}. */
  record Verify(int round) implements Command {}

  /** Only inside cancelled messages: reaching it proves a cancelled message was delivered. */
  record Leak(String token) implements Command {
    public Leak {
      Objects.requireNonNull(token, "token");
    }
  }
}
