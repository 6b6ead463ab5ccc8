package dev.statefun.jakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The smoke test's bookkeeping: what the workload emits is what the ledger will expect. */
class WorkloadTest {

  @Test
  void emitsExactlyTheMessagesItCountsOn() {
    Workload w = new Workload(1_003, 50);
    List<Workload.Input> inputs = new ArrayList<>();
    w.forEach(inputs::add);
    assertEquals(1_003, inputs.size());

    Map<String, Integer> perName = new HashMap<>();
    Map<String, List<Integer>> schedulesAt = new HashMap<>();
    for (int k = 0; k < inputs.size(); k++) {
      Workload.Input in = inputs.get(k);
      if (in.topic().equals("names")) {
        perName.merge(in.key(), 1, Integer::sum);
        assertArrayEquals(Workload.stringWrapper(in.key()), in.value());
      } else {
        assertEquals("reminder-schedules", in.topic());
        schedulesAt.computeIfAbsent(in.key(), u -> new ArrayList<>()).add(k);
      }
    }
    assertEquals(50, perName.size());
    for (int i = 0; i < 50; i++) {
      assertEquals(w.expectedCount(i), perName.get(w.name(i)), w.name(i));
    }
    assertEquals(w.users(), schedulesAt.size());
    // #1 and #2 of a user are adjacent: nothing of that user's can come between them
    schedulesAt.values().forEach(at -> assertEquals(List.of(at.get(0), at.get(0) + 1), at));
    Workload.Input first = inputs.get(schedulesAt.get(w.user(3)).get(0));
    assertArrayEquals(Workload.schedule(w.firstText(3), Workload.FIRST_REMINDER_DELAY_MS), first.value());
  }

  @Test
  void encodesProtobufByHand() {
    // StringWrapper{value: "ab"} and ScheduleReminder{text: "x", delay_millis: 300}, as protoc writes them
    assertArrayEquals(new byte[] {0x0A, 2, 'a', 'b'}, Workload.stringWrapper("ab"));
    assertArrayEquals(new byte[] {0x0A, 1, 'x', 0x10, (byte) 0xAC, 0x02}, Workload.schedule("x", 300));
  }

  @Test
  void refusesASizeWithoutRepeats() {
    assertThrows(IllegalArgumentException.class, () -> new Workload(10, 10));
  }
}
