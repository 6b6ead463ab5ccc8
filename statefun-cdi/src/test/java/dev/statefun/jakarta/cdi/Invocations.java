package dev.statefun.jakarta.cdi;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.util.concurrent.CompletionStage;

/** Builds the ToFunction bytes the runtime would send, and decodes the replies, with the generated classes. */
public final class Invocations {
  private final ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder();

  private Invocations() {}

  /** A batch for {@code functionType} ("namespace/name") and the given id. */
  public static Invocations to(String functionType, String id) {
    int slash = functionType.lastIndexOf('/');
    Invocations invocations = new Invocations();
    invocations.batch.setTarget(Address.newBuilder().setNamespace(functionType.substring(0, slash))
        .setType(functionType.substring(slash + 1)).setId(id));
    return invocations;
  }

  public static <T> TypedValue typed(Type<T> type, T value) {
    return TypedValue.newBuilder().setTypename(type.typeName().canonical()).setHasValue(true)
        .setValue(ByteString.copyFrom(type.serialize(value))).build();
  }

  public <T> Invocations state(String name, Type<T> type, T value) {
    batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name).setStateValue(typed(type, value)));
    return this;
  }

  /** A state the runtime has registered but holds no value for. */
  public Invocations emptyState(String name) {
    batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name));
    return this;
  }

  public Invocations invoke(String argument) {
    return invoke(Types.STRING, argument);
  }

  public <T> Invocations invoke(Type<T> type, T argument) {
    batch.addInvocations(ToFunction.Invocation.newBuilder().setArgument(typed(type, argument)));
    return this;
  }

  public byte[] bytes() {
    return ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
  }

  /** Sends the batch and waits for the decoded reply; a failed request rethrows its RequestFailure. */
  public FromFunction call(RequestReplyHandler handler) {
    return decode(handler.handleBlocking(bytes()));
  }

  /** Sends the batch without waiting. */
  public CompletionStage<byte[]> send(RequestReplyHandler handler) {
    return handler.handle(bytes());
  }

  public static FromFunction decode(byte[] reply) {
    try {
      return FromFunction.parseFrom(reply);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the reply is not a FromFunction message", e);
    }
  }

  /** The string values of the reply's outgoing messages, in order. */
  public static java.util.List<String> sentStrings(FromFunction reply) {
    return reply.getInvocationResult().getOutgoingMessagesList().stream()
        .map(message -> Types.STRING.deserialize(message.getArgument().getValue().toByteArray()))
        .toList();
  }
}
