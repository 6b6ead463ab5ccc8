package dev.statefun.jakarta.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Decodes replies with our generated classes, in a form where equal meaning means equal objects. */
public final class Replies {
  private Replies() {}

  /**
   * Parses a reply and sorts its state mutations by name: the runtime applies them as a set, so an
   * SDK may list them in any order. Messages and egress records keep their order, which the runtime
   * preserves and which therefore matters.
   */
  public static FromFunction normalized(byte[] reply) {
    FromFunction parsed;
    try {
      parsed = FromFunction.parseFrom(reply);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Not a FromFunction message", e);
    }
    if (!parsed.hasInvocationResult()) {
      return parsed;
    }
    List<FromFunction.PersistedValueMutation> mutations =
        new ArrayList<>(parsed.getInvocationResult().getStateMutationsList());
    mutations.sort(Comparator.comparing(FromFunction.PersistedValueMutation::getStateName));
    FromFunction.InvocationResponse.Builder result = parsed.getInvocationResult().toBuilder()
        .clearStateMutations()
        .addAllStateMutations(mutations);
    return parsed.toBuilder().setInvocationResult(result).build();
  }

  /**
   * Fails unless {@code actual} means the same as {@code expected}, naming the contender and showing
   * both in text form.
   */
  public static void requireSame(String expectedName, byte[] expected, String actualName, byte[] actual) {
    FromFunction want = normalized(expected);
    FromFunction got = normalized(actual);
    if (!want.equals(got)) {
      throw new IllegalStateException(
          "The replies of " + expectedName + " and " + actualName + " differ; the benchmark would compare"
              + " unequal work.\n--- " + expectedName + ":\n" + want + "\n--- " + actualName + ":\n" + got);
    }
  }
}
