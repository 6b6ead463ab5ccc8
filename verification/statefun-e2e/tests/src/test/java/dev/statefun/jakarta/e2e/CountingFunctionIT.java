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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The driver against the core handler on the JDK's HTTP server: ingress, egress, state, delays,
 * cancellation and a clean stop, without CDI or JAX-RS in the way.
 */
class CountingFunctionIT {

  @Test
  @Timeout(240)
  void countsPerIdDelaysAndCancels() throws IOException {
    try (PlainEndpoint endpoint = new PlainEndpoint();
         StatefunRuntime runtime = StatefunRuntime.builder()
             .name("plain-counter")
             .remoteEndpoint(new RemoteEndpoint(PlainEndpoint.FUNCTIONS, endpoint.url()))
             .egress(OUT.canonical())
             .start()) {
      for (int i = 1; i <= 5; i++) {
        runtime.sendString(COUNTER.canonical(), "alice", "a" + i);
      }
      runtime.sendString(COUNTER.canonical(), "bob", "b1");
      runtime.sendString(COUNTER.canonical(), "carol", "cancelled:1000:never");
      runtime.sendString(COUNTER.canonical(), "dave", "later:1500:delayed");

      EgressRecord fifth = runtime.awaitEgress("alice's fifth", r -> r.stringValue().equals("alice a5 5"),
          Duration.ofSeconds(120));
      assertEquals(OUT.canonical(), fifth.egress());
      runtime.awaitEgress("bob's first", r -> r.stringValue().equals("bob b1 1"), Duration.ofSeconds(30));
      runtime.awaitEgress("dave's delayed", r -> r.stringValue().equals("dave delayed 1"), Duration.ofSeconds(30));

      // Three times the cancelled message's delay, after everything else arrived.
      List<EgressRecord> late = runtime.egressDuring(Duration.ofSeconds(3));
      assertTrue(late.isEmpty(), "nothing more arrives: " + late);

      List<String> all = runtime.egressRecords().stream().map(EgressRecord::stringValue).toList();
      assertEquals(List.of("alice a1 1", "alice a2 2", "alice a3 3", "alice a4 4", "alice a5 5"),
          all.stream().filter(s -> s.startsWith("alice")).toList(), "alice's counts in order");
      assertTrue(all.stream().noneMatch(s -> s.startsWith("carol")), "the cancelled message never arrives: " + all);
      assertEquals(7, all.size(), "exactly one record per counted message: " + all);

      assertEquals(0, runtime.stop(), "the runtime stops cleanly (exit code 0)");
    }
  }
}
