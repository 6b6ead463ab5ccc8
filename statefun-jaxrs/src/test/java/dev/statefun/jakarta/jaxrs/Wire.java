package dev.statefun.jakarta.jaxrs;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.IntWrapper;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import java.util.ArrayList;
import java.util.List;

/** Builds real {@code ToFunction} requests and decodes {@code FromFunction} replies with the generated classes. */
public final class Wire {
  public static final String INT = "io.statefun.types/int";
  public static final String STRING = "io.statefun.types/string";

  private final ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder();

  private Wire(String type, String id) {
    int slash = type.lastIndexOf('/');
    batch.setTarget(Address.newBuilder().setNamespace(type.substring(0, slash)).setType(type.substring(slash + 1)).setId(id));
  }

  /** A request to the function {@code namespace/name} at {@code id}. */
  public static Wire to(String type, String id) {
    return new Wire(type, id);
  }

  public Wire intState(String name, Integer value) {
    TypedValue.Builder v = TypedValue.newBuilder().setTypename(INT);
    if (value != null) {
      v.setHasValue(true).setValue(IntWrapper.newBuilder().setValue(value).build().toByteString());
    }
    batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name).setStateValue(v));
    return this;
  }

  /** State present but without a value. */
  public Wire emptyState(String name) {
    batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name));
    return this;
  }

  public Wire invokeString(String value) {
    batch.addInvocations(ToFunction.Invocation.newBuilder().setArgument(stringValue(value)));
    return this;
  }

  public byte[] bytes() {
    return ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
  }

  public static TypedValue stringValue(String value) {
    return TypedValue.newBuilder().setTypename(STRING).setHasValue(true)
        .setValue(StringWrapper.newBuilder().setValue(value).build().toByteString()).build();
  }

  public static FromFunction reply(byte[] bytes) {
    try {
      return FromFunction.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the reply is not a FromFunction message", e);
    }
  }

  public static int intValue(TypedValue value) {
    try {
      return IntWrapper.parseFrom(value.getValue()).getValue();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  public static String stringValue(TypedValue value) {
    try {
      return StringWrapper.parseFrom(value.getValue()).getValue();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** The string arguments of the reply's outgoing messages, in order. */
  public static List<String> sentStrings(FromFunction reply) {
    List<String> out = new ArrayList<>();
    for (FromFunction.Invocation message : reply.getInvocationResult().getOutgoingMessagesList()) {
      out.add(message.getTarget().getId() + ":" + stringValue(message.getArgument()));
    }
    return out;
  }
}
