package dev.statefun.jakarta.tools.fns;

import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.egress.KinesisEgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;

/**
 * Produces every kind of effect, so that the invoke command has each to decode: counts its calls, notes the
 * typename it got, messages test.tools/echo, schedules a reminder on the first call and cancels it (and forgets
 * the note) on the next ones, and writes a Kafka and a Kinesis record.
 */
@StatefulFunction(EverythingFunction.TYPE)
public class EverythingFunction implements RemoteFunction {
  public static final String TYPE = "test.tools/everything";
  static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
  static final ValueSpec<String> NOTE = ValueSpec.of("note", Types.STRING);
  static final TypeName EGRESS = TypeName.parse("test.tools/out");

  @Override
  public void invoke(Context context, Message message) {
    int count = context.storage().get(COUNT).orElse(0) + 1;
    context.storage().set(COUNT, count);
    String id = context.self().id();
    context.send(MessageBuilder.forAddress(TypeName.parse("test.tools/echo"), id).withValue("call " + count).build());
    CancellationToken token = CancellationToken.of("reminder-" + id);
    if (count == 1) {
      context.storage().set(NOTE, message.valueTypeName().canonical());
      context.sendAfter(Duration.ofMinutes(1), token, MessageBuilder.forAddress(context.self()).withValue(7L).build());
    } else {
      context.cancelDelayedMessage(token);
      context.storage().remove(NOTE);
    }
    context.send(KafkaEgressMessage.forEgress(EGRESS).withTopic("calls").withUtf8Key(id)
        .withUtf8Value("call " + count).build());
    context.send(KinesisEgressMessage.forEgress(EGRESS).withStream("calls").withUtf8PartitionKey(id)
        .withUtf8Value("call " + count).build());
  }
}
