package dev.statefun.jakarta.smoke;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Interprets {@link Command} lists. Its only state is what the test checks: the running count, a
 * fingerprint of the messages applied, and the number of cancelled messages that reached it (must
 * stay 0). It knows nothing about the
 * expected results; the test computes those from the trees it generated.
 */
@StatefulFunction(VerifierFunction.TYPE)
public class VerifierFunction implements RemoteFunction {
  static final String TYPE = "dev.statefun.smoke/verifier";
  static final String FUNCTIONS = "dev.statefun.smoke/*";
  static final TypeName VERIFY_EGRESS = TypeName.parse("dev.statefun.smoke/verify");
  static final TypeName EVENTS_EGRESS = TypeName.parse("dev.statefun.smoke/events");
  static final TypeName LEAKS_EGRESS = TypeName.parse("dev.statefun.smoke/leaks");

  static final ValueSpec<Long> COUNT = ValueSpec.of("count", Types.LONG);
  static final ValueSpec<Long> FINGERPRINT = ValueSpec.of("fingerprint", Types.LONG);
  static final ValueSpec<Integer> LEAKED = ValueSpec.of("leaked", Types.INT);

  /** Messages interpreted in this JVM, retried batches included: shows that the runtime re-sent work. */
  static final AtomicLong INTERPRETED = new AtomicLong();

  private static final TypeName SELF_TYPE = TypeName.parse(TYPE);

  @Override
  public void invoke(Context context, Message message) {
    INTERPRETED.incrementAndGet();
    String self = context.self().id();
    for (Command command : message.as(Commands.TYPE)) {
      if (command instanceof Command.Inc inc) {
        context.storage().set(COUNT, count(context) + inc.amount());
        context.storage().set(FINGERPRINT, fingerprint(context) + inc.nonce());
      } else if (command instanceof Command.Send send) {
        context.send(to(send.target(), send.body()));
      } else if (command instanceof Command.SendAfter send) {
        context.sendAfter(Duration.ofMillis(send.delayMillis()), to(send.target(), send.body()));
      } else if (command instanceof Command.SendAfterWithToken send) {
        context.sendAfter(Duration.ofMillis(send.delayMillis()), CancellationToken.of(send.token()),
            to(send.target(), send.body()));
      } else if (command instanceof Command.Cancel cancel) {
        context.cancelDelayedMessage(CancellationToken.of(cancel.token()));
      } else if (command instanceof Command.Emit emit) {
        context.send(EgressMessage.of(EVENTS_EGRESS, Types.STRING, self + "\t" + emit.tag()));
      } else if (command instanceof Command.Verify verify) {
        context.send(EgressMessage.of(VERIFY_EGRESS, Types.STRING, verify.round() + "\t" + self + "\t"
            + count(context) + "\t" + fingerprint(context) + "\t" + leaked(context)));
      } else if (command instanceof Command.Leak leak) {
        context.storage().set(LEAKED, leaked(context) + 1);
        context.send(EgressMessage.of(LEAKS_EGRESS, Types.STRING, self + "\t" + leak.token()));
      } else {
        throw new IllegalArgumentException("Unknown command " + command);
      }
    }
  }

  private static long count(Context context) {
    return context.storage().get(COUNT).orElse(0L);
  }

  private static long fingerprint(Context context) {
    return context.storage().get(FINGERPRINT).orElse(0L);
  }

  private static int leaked(Context context) {
    return context.storage().get(LEAKED).orElse(0);
  }

  private static Message to(String id, List<Command> body) {
    return MessageBuilder.forAddress(new Address(SELF_TYPE, id)).withCustomType(Commands.TYPE, body).build();
  }
}
