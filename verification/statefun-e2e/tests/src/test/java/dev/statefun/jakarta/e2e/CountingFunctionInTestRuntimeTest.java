package dev.statefun.jakarta.e2e;

import static dev.statefun.jakarta.e2e.PlainEndpoint.COUNTER;
import static dev.statefun.jakarta.e2e.PlainEndpoint.OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.TestRuntime;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CountingFunctionIT's scenario in the test runtime: the records the real runtime produced there (per-id counts in
 * order, the delayed message, the message scheduled and cancelled in one invocation never arriving) come out the same.
 */
class CountingFunctionInTestRuntimeTest {
  @Test
  void theSameRecordsAsTheRealRuntime() {
    TestRuntime runtime = TestRuntime.of(PlainEndpoint.counter());
    for (int i = 1; i <= 5; i++) {
      runtime.send(MessageBuilder.forAddress(COUNTER, "alice").withValue("a" + i).build());
    }
    runtime.send(MessageBuilder.forAddress(COUNTER, "bob").withValue("b1").build());
    runtime.send(MessageBuilder.forAddress(COUNTER, "carol").withValue("cancelled:1000:never").build());
    runtime.send(MessageBuilder.forAddress(COUNTER, "dave").withValue("later:1500:delayed").build());
    assertEquals(6, records(runtime).size(), "dave's delayed message waits for the clock");
    runtime.advance(Duration.ofMillis(1500));
    runtime.advance(Duration.ofSeconds(3));
    assertEquals(List.of("alice a1 1", "alice a2 2", "alice a3 3", "alice a4 4", "alice a5 5", "bob b1 1",
        "dave delayed 1"), records(runtime));
  }

  private static List<String> records(TestRuntime runtime) {
    return runtime.egress(OUT).stream().map(message -> Types.STRING.deserialize(message.rawValue())).toList();
  }
}
