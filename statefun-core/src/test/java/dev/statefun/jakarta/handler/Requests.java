package dev.statefun.jakarta.handler;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.types.Type;

/** Builds ToFunction requests with the generated classes, as the runtime would. */
final class Requests {
  private final ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder();

  static Requests to(String namespace, String type, String id) {
    Requests requests = new Requests();
    requests.batch.setTarget(address(namespace, type, id));
    return requests;
  }

  static Address address(String namespace, String type, String id) {
    return Address.newBuilder().setNamespace(namespace).setType(type).setId(id).build();
  }

  static <T> TypedValue typed(Type<T> type, T value) {
    return TypedValue.newBuilder().setTypename(type.typeName().canonical()).setHasValue(true)
        .setValue(ByteString.copyFrom(type.serialize(value))).build();
  }

  <T> Requests state(String name, Type<T> type, T value) {
    batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name).setStateValue(typed(type, value)));
    return this;
  }

  Requests rawState(String name, TypedValue value) {
    batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name).setStateValue(value));
    return this;
  }

  /** A state the runtime knows but has no value for: only the name. */
  Requests emptyState(String name) {
    batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name));
    return this;
  }

  <T> Requests invoke(Type<T> type, T value) {
    batch.addInvocations(ToFunction.Invocation.newBuilder().setArgument(typed(type, value)));
    return this;
  }

  /** An invocation whose argument is exactly {@code argument}, valid or not. */
  Requests rawInvoke(TypedValue argument) {
    batch.addInvocations(ToFunction.Invocation.newBuilder().setArgument(argument));
    return this;
  }

  <T> Requests invokeFrom(Address caller, Type<T> type, T value) {
    batch.addInvocations(ToFunction.Invocation.newBuilder().setCaller(caller).setArgument(typed(type, value)));
    return this;
  }

  byte[] bytes() {
    return ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
  }

  static FromFunction reply(RequestReplyHandler handler, byte[] request) {
    byte[] bytes = handler.handleBlocking(request);
    try {
      FromFunction reply = FromFunction.parseFrom(bytes);
      // Our hand-written writer must produce exactly what protobuf would serialize.
      org.junit.jupiter.api.Assertions.assertArrayEquals(reply.toByteArray(), bytes, "reply bytes differ from protobuf's");
      return reply;
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("invalid reply", e);
    }
  }
}
