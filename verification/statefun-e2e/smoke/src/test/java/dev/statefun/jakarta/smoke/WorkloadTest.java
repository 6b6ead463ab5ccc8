package dev.statefun.jakarta.smoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.e2e.driver.IngressMessage;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.testing.DelayedMessage;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.InvocationResult;
import dev.statefun.jakarta.types.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generator's bookkeeping against the function itself, with no runtime: a tiny in-memory
 * dispatcher (FunctionTester plays the runtime for each call) runs the whole feed, and the states
 * it ends with must be the ones the generator predicted.
 */
class WorkloadTest {
  private static final TypeName TYPE = TypeName.parse(VerifierFunction.TYPE);
  private static final FunctionSpec SPEC = FunctionSpec.builder(TYPE)
      .withValueSpecs(VerifierFunction.COUNT, VerifierFunction.FINGERPRINT, VerifierFunction.LEAKED)
      .withFunction(new VerifierFunction())
      .build();

  private static SmokeSettings settings(int messages, int instances, long seed) {
    Map<String, String> properties = Map.of("smoke.messages", Integer.toString(messages),
        "smoke.instances", Integer.toString(instances), "smoke.seed", Long.toString(seed));
    return SmokeSettings.from(properties::get);
  }

  @Test
  void theFunctionEndsWithTheStatesTheGeneratorPredicted() {
    Workload workload = Workload.generate(settings(3_000, 16, 7));
    Dispatcher dispatcher = new Dispatcher(workload);

    for (List<IngressMessage> segment : workload.segments()) {
      for (IngressMessage ingress : segment) {
        dispatcher.deliver(Message.ofRaw(new Address(TYPE, ingress.id()), TypeName.parse(ingress.typeName()),
            ingress.value()));
      }
    }
    dispatcher.fireTimers();

    assertEquals(List.of(), dispatcher.problems);
    assertEquals(workload.messages(), dispatcher.delivered, "every generated message delivered once");
    assertTrue(workload.messages() >= 3_000);
    for (int i = 0; i < workload.ids().size(); i++) {
      Address address = new Address(TYPE, workload.ids().get(i));
      assertEquals(workload.expected(i), dispatcher.tester.state(address, VerifierFunction.COUNT).orElse(0L));
      assertEquals(workload.expectedFingerprint(i),
          dispatcher.tester.state(address, VerifierFunction.FINGERPRINT).orElse(0L));
      assertFalse(dispatcher.tester.state(address, VerifierFunction.LEAKED).isPresent());
    }
    assertEquals(workload.eventTags(), dispatcher.events);
    assertEquals(workload.segments().size() * 16L, dispatcher.verifyReports);
  }

  @Test
  void theWorkloadHasEveryKindOfCommand() {
    Workload workload = Workload.generate(settings(3_000, 128, 20240517));
    assertTrue(workload.ingressMessages() > 500 && workload.ingressMessages() < workload.messages());
    assertTrue(workload.sends() > 0 && workload.delayedSends() > 0);
    assertTrue(workload.cancelledInCall() > 0 && workload.cancelledLater() > 0);
    assertFalse(workload.eventTags().isEmpty());
    assertEquals(10, workload.segments().size());
    for (int i = 0; i < 128; i++) {
      for (int round = 1; round < 10; round++) {
        assertTrue(workload.lowerBound(round - 1, i) <= workload.lowerBound(round, i), "bounds only grow");
      }
      assertTrue(workload.lowerBound(9, i) <= workload.expected(i), "a bound never exceeds the final count");
    }
    assertTrue(workload.lowerBound(9, 0) < workload.expected(0), "sends add to what the ingress gives");
  }

  @Test
  void theSameSeedGivesTheSameFeed() {
    Workload first = Workload.generate(settings(1_000, 32, 99));
    Workload second = Workload.generate(settings(1_000, 32, 99));
    Workload other = Workload.generate(settings(1_000, 32, 100));
    assertEquals(lines(first), lines(second));
    assertArrayEquals(first.expected(), second.expected());
    assertFalse(lines(first).equals(lines(other)));
  }

  private static List<String> lines(Workload workload) {
    List<String> lines = new ArrayList<>();
    workload.segments().forEach(segment -> segment.forEach(m -> lines.add(m.id() + java.util.Arrays.toString(m.value()))));
    return lines;
  }

  /**
   * Delivers messages one call at a time, sends first (FIFO), delayed messages only once nothing
   * else is left; cancellations apply to the sender's own pending tokens, as in the runtime.
   */
  private static final class Dispatcher {
    final FunctionTester tester = FunctionTester.of(SPEC);
    final Workload workload;
    final Deque<Message> queue = new ArrayDeque<>();
    final List<Message> timers = new ArrayList<>();
    final Map<String, Message> tokens = new LinkedHashMap<>();
    final Set<String> events = new HashSet<>();
    final List<String> problems = new ArrayList<>();
    long delivered;
    long verifyReports;

    Dispatcher(Workload workload) {
      this.workload = workload;
    }

    void deliver(Message message) {
      queue.add(message);
      while (!queue.isEmpty()) {
        Message next = queue.poll();
        List<Command> commands = next.as(Commands.TYPE);
        if (commands.stream().anyMatch(c -> c instanceof Command.Inc)
            && commands.stream().noneMatch(c -> c instanceof Command.Leak)) {
          delivered++;
        }
        Address self = next.targetAddress();
        InvocationResult result = tester.invoke(next);
        queue.addAll(result.messages());
        for (DelayedMessage delayed : result.delayedMessages()) {
          if (delayed.token().isPresent()) {
            tokens.put(self.id() + "/" + delayed.token().get().token(), delayed.message());
          } else {
            timers.add(delayed.message());
          }
        }
        for (CancellationToken token : result.cancellations()) {
          tokens.remove(self.id() + "/" + token.token());
        }
        for (EgressMessage egress : result.egressMessages()) {
          record(egress);
        }
      }
    }

    void fireTimers() {
      while (!timers.isEmpty() || !tokens.isEmpty()) {
        List<Message> due = new ArrayList<>(timers);
        due.addAll(tokens.values());
        timers.clear();
        tokens.clear();
        due.forEach(this::deliver);
      }
    }

    private void record(EgressMessage egress) {
      String[] fields = Types.STRING.deserialize(egress.rawValue()).split("\t");
      if (egress.target().equals(VerifierFunction.VERIFY_EGRESS)) {
        verifyReports++;
        int round = Integer.parseInt(fields[0]);
        int instance = workload.indexOf(fields[1]);
        long count = Long.parseLong(fields[2]);
        if (count < workload.lowerBound(round, instance) || count > workload.expected(instance)) {
          problems.add("round " + round + " " + fields[1] + " count " + count);
        }
      } else if (egress.target().equals(VerifierFunction.EVENTS_EGRESS)) {
        events.add(fields[1]);
      } else {
        problems.add("leak " + String.join(" ", fields));
      }
    }
  }
}
