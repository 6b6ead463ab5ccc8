package dev.statefun.jakarta.benchmarks;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.IntWrapper;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;

/**
 * The greeter hand-coded against the generated protobuf classes (protobuf-java of this project), no
 * SDK. It does the work an SDK must do for this request (full parse, function lookup, state lookup by
 * name and type check, argument type check, per-invocation decode, encode of every effect, one MODIFY
 * for the written cell) but nothing generic: no registry, no storage abstraction, no message or
 * context objects. It is the cost of the obvious generated-code path, not a lower bound: a hand-written
 * wire codec (which our handler has) can beat it.
 */
public final class BaselineGreeter {
  // Constant strings encoded once, as any hand-written codec (and both SDKs, which cache typename
  // bytes) would do; setting them as String would re-measure and re-encode them on every reply.
  private static final ByteString FNS_NAMESPACE = ByteString.copyFromUtf8(Greeting.FNS_NAMESPACE);
  private static final ByteString INBOX = ByteString.copyFromUtf8(Greeting.INBOX);
  private static final ByteString EGRESS_NAMESPACE = ByteString.copyFromUtf8(Greeting.EGRESS_NAMESPACE);
  private static final ByteString EGRESS = ByteString.copyFromUtf8(Greeting.EGRESS);
  private static final ByteString TOPIC = ByteString.copyFromUtf8(Greeting.TOPIC);
  private static final ByteString STATE_SEEN = ByteString.copyFromUtf8(Greeting.STATE_SEEN);
  private static final ByteString INT_TYPENAME = ByteString.copyFromUtf8(Greeting.INT_TYPENAME);
  private static final ByteString STRING_TYPENAME = ByteString.copyFromUtf8(Greeting.STRING_TYPENAME);
  private static final ByteString KAFKA_RECORD_TYPENAME = ByteString.copyFromUtf8(Greeting.KAFKA_RECORD_TYPENAME);

  private static final FromFunction.ExpirationSpec NO_EXPIRATION = FromFunction.ExpirationSpec.newBuilder()
      .setMode(FromFunction.ExpirationSpec.ExpireMode.NONE)
      .build();

  /** Handles one request, like the SDKs' handlers; bad input is an {@link IllegalArgumentException}. */
  public byte[] handle(byte[] request) {
    ToFunction toFunction;
    try {
      toFunction = ToFunction.parseFrom(request);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Not a ToFunction message", e);
    }
    if (!toFunction.hasInvocation()) {
      throw new IllegalArgumentException("The request has no invocation batch");
    }
    ToFunction.InvocationBatchRequest batch = toFunction.getInvocation();
    Address target = batch.getTarget();
    if (!Greeting.FNS_NAMESPACE.equals(target.getNamespace()) || !Greeting.GREETER.equals(target.getType())) {
      throw new IllegalArgumentException(
          "No function of type " + target.getNamespace() + "/" + target.getType());
    }

    ToFunction.PersistedValue seenCell = null;
    for (ToFunction.PersistedValue value : batch.getStateList()) {
      if (Greeting.STATE_SEEN.equals(value.getStateName())) {
        seenCell = value;
        break;
      }
    }
    if (seenCell == null) {
      return FromFunction.newBuilder()
          .setIncompleteInvocationContext(FromFunction.IncompleteInvocationContext.newBuilder()
              .addMissingValues(FromFunction.PersistedValueSpec.newBuilder()
                  .setStateName(Greeting.STATE_SEEN)
                  .setTypeTypename(Greeting.INT_TYPENAME)
                  .setExpirationSpec(NO_EXPIRATION)))
          .build()
          .toByteArray();
    }
    int seen = 0;
    TypedValue stored = seenCell.getStateValue();
    if (stored.getHasValue()) {
      if (!Greeting.INT_TYPENAME.equals(stored.getTypename())) {
        throw new IllegalArgumentException("State 'seen' has type " + stored.getTypename());
      }
      seen = parseInt(stored.getValue());
    }

    FromFunction.InvocationResponse.Builder response = FromFunction.InvocationResponse.newBuilder();
    for (ToFunction.Invocation invocation : batch.getInvocationsList()) {
      TypedValue argument = invocation.getArgument();
      if (!Greeting.STRING_TYPENAME.equals(argument.getTypename())) {
        throw new IllegalArgumentException("Greeter expects a string, got " + argument.getTypename());
      }
      String name = parseString(argument.getValue());
      seen++;
      String greeting = Greeting.text(name, seen);

      response.addOutgoingMessages(FromFunction.Invocation.newBuilder()
          .setTarget(Address.newBuilder()
              .setNamespaceBytes(FNS_NAMESPACE)
              .setTypeBytes(INBOX)
              .setId(name))
          .setArgument(TypedValue.newBuilder()
              .setTypenameBytes(STRING_TYPENAME)
              .setHasValue(true)
              .setValue(StringWrapper.newBuilder().setValue(greeting).build().toByteString())));
      response.addOutgoingEgresses(FromFunction.EgressMessage.newBuilder()
          .setEgressNamespaceBytes(EGRESS_NAMESPACE)
          .setEgressTypeBytes(EGRESS)
          .setArgument(TypedValue.newBuilder()
              .setTypenameBytes(KAFKA_RECORD_TYPENAME)
              .setHasValue(true)
              .setValue(KafkaProducerRecord.newBuilder()
                  .setTopicBytes(TOPIC)
                  .setKey(name)
                  .setValueBytes(ByteString.copyFromUtf8(greeting))
                  .build()
                  .toByteString())));
    }
    response.addStateMutations(FromFunction.PersistedValueMutation.newBuilder()
        .setMutationType(FromFunction.PersistedValueMutation.MutationType.MODIFY)
        .setStateNameBytes(STATE_SEEN)
        .setStateValue(TypedValue.newBuilder()
            .setTypenameBytes(INT_TYPENAME)
            .setHasValue(true)
            .setValue(IntWrapper.newBuilder().setValue(seen).build().toByteString())));
    return FromFunction.newBuilder().setInvocationResult(response).build().toByteArray();
  }

  private static int parseInt(ByteString bytes) {
    try {
      return IntWrapper.parseFrom(bytes).getValue();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("State 'seen' is not an IntWrapper", e);
    }
  }

  private static String parseString(ByteString bytes) {
    try {
      return StringWrapper.parseFrom(bytes).getValue();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Argument is not a StringWrapper", e);
    }
  }
}
