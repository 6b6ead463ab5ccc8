package dev.statefun.jakarta.smoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {

  @Test
  void everyCommandSurvivesTheRoundTrip() {
    List<Command> tree = List.of(
        new Command.Inc(3, -42L),
        new Command.Send("i001", List.of(new Command.Inc(1, Long.MAX_VALUE),
            new Command.SendAfter(250, "i002", List.of(new Command.Inc(5, 7L), new Command.Emit("e9"))))),
        new Command.SendAfterWithToken(30_000, "i127", "tok-1", List.of(new Command.Leak("tok-1"), new Command.Inc(2, 1L))),
        new Command.Cancel("tok-1"),
        new Command.Verify(12));

    byte[] bytes = Commands.encode(tree);

    assertEquals(tree, Commands.decode(bytes));
    assertArrayEquals(bytes, Commands.TYPE.serialize(Commands.TYPE.deserialize(bytes)));
    assertEquals("dev.statefun.smoke/commands", Commands.TYPE.typeName().canonical());
  }

  @Test
  void rejectsWhatItDidNotWrite() {
    assertThrows(IllegalArgumentException.class, () -> Commands.decode(new byte[] {0, 1, 99}));
    assertThrows(IllegalArgumentException.class, () -> Commands.decode(new byte[] {0, 1, 1}));
    byte[] valid = Commands.encode(List.of(new Command.Verify(1)));
    byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
    assertThrows(IllegalArgumentException.class, () -> Commands.decode(trailing));
  }

  @Test
  void incrementsArePositive() {
    assertThrows(IllegalArgumentException.class, () -> new Command.Inc(0, 1L));
  }
}
