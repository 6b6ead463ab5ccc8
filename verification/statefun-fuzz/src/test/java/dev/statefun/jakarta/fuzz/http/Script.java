package dev.statefun.jakarta.fuzz.http;

import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;

/**
 * What the HTTP fuzz functions do: a string argument is a script, each character one operation on
 * state, messages, delayed messages or egress; a script ending in {@code !} fails the function.
 * Deterministic, so the reply of the server can be compared with the reply of an in-process handler.
 */
public final class Script {
  public static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
  public static final ValueSpec<String> TEXT = ValueSpec.of("text", Types.STRING).expireAfterWrite(Duration.ofMinutes(5));
  static final TypeName EGRESS = TypeName.parse("com.example/out");
  /** The only failure a fuzz function raises on purpose. */
  public static final String FAIL = "!";

  private Script() {}

  public static void run(Context context, Message message) {
    String script = message.isString() ? message.asString() : "g";
    for (int i = 0; i < script.length() && i < 64; i++) {
      switch (script.charAt(i) % 9) {
        case 0 -> context.storage().set(COUNT, context.storage().get(COUNT).orElse(0) + 1);
        case 1 -> context.storage().remove(COUNT);
        case 2 -> context.storage().set(TEXT, script.substring(i));
        case 3 -> context.storage().remove(TEXT);
        case 4 -> context.send(MessageBuilder.forAddress(context.self()).withValue(i).build());
        case 5 -> context.sendAfter(Duration.ofMillis(i), CancellationToken.of("t" + i),
            MessageBuilder.forAddress(context.self()).withValue(script).build());
        case 6 -> context.cancelDelayedMessage(CancellationToken.of("t" + (i - 1)));
        case 7 -> context.send(KafkaEgressMessage.forEgress(EGRESS).withTopic("t").withUtf8Key(script)
            .withUtf8Value(context.self().id()).build());
        default -> context.caller().ifPresent(caller -> context.send(
            MessageBuilder.forAddress(caller).withValue(context.storage().get(TEXT).orElse("")).build()));
      }
    }
    if (script.endsWith(FAIL)) {
      throw new ScriptFailure("the script asked to fail: " + script.length() + " characters");
    }
  }

  /** The failure a script asks for. */
  public static final class ScriptFailure extends RuntimeException {
    ScriptFailure(String message) {
      super(message, null, false, false);
    }
  }
}
