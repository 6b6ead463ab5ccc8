package dev.statefun.jakarta.e2e;

import static dev.statefun.jakarta.e2e.PlainEndpoint.COUNTER;
import static dev.statefun.jakarta.e2e.PlainEndpoint.OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.e2e.driver.EgressRecord;
import dev.statefun.jakarta.e2e.driver.RemoteEndpoint;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The driver's failure tooling: checkpointing and a restart strategy passed through as Flink
 * configuration, a forced job failure, and state restored from the checkpoint afterwards.
 */
class RestartIT {

  @Test
  @Timeout(240)
  void forcedFailureRestartsFromTheCheckpointWithState() throws IOException {
    try (PlainEndpoint endpoint = new PlainEndpoint();
         StatefunRuntime runtime = StatefunRuntime.builder()
             .name("restart")
             .remoteEndpoint(new RemoteEndpoint(PlainEndpoint.FUNCTIONS, endpoint.url()))
             .egress(OUT.canonical())
             .flinkConfiguration("execution.checkpointing.interval", "500ms")
             .flinkConfiguration("restart-strategy.type", "fixed-delay")
             .flinkConfiguration("restart-strategy.fixed-delay.attempts", "3")
             .flinkConfiguration("restart-strategy.fixed-delay.delay", "500ms")
             .start()) {
      for (int i = 1; i <= 3; i++) {
        runtime.sendString(COUNTER.canonical(), "erin", "e" + i);
      }
      runtime.awaitEgress("erin's third", r -> r.stringValue().equals("erin e3 3"), Duration.ofSeconds(120));
      runtime.awaitNextCheckpoint(Duration.ofSeconds(30));
      // A checkpoint that started after the third reply holds erin's count of 3.
      runtime.awaitNextCheckpoint(Duration.ofSeconds(30));

      runtime.failJob();
      runtime.awaitEvent("forced-failure", Optional.empty(), Duration.ofSeconds(30));
      runtime.awaitEvent("job-status", Optional.of("RESTARTING"), Duration.ofSeconds(30));
      runtime.awaitEvent("feed-restored", Optional.empty(), Duration.ofSeconds(60));

      runtime.sendString(COUNTER.canonical(), "erin", "e4");
      EgressRecord fourth = runtime.awaitEgress("erin's fourth",
          r -> r.stringValue().startsWith("erin e4 "), Duration.ofSeconds(60));
      assertEquals("erin e4 4", fourth.stringValue(), "the count survived the restart");
      assertTrue(runtime.events().stream().anyMatch(e -> e.name().equals("checkpoint")));
      assertEquals(0, runtime.stop(), "the runtime stops cleanly after a restart");
    }
  }
}
