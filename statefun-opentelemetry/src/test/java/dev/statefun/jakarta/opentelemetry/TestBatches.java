package dev.statefun.jakarta.opentelemetry;

import com.google.protobuf.ByteString;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;

/** ToFunction requests built with the generated classes, as the runtime sends them. */
public final class TestBatches {
  private TestBatches() {}

  /** A batch of {@code size} string invocations to {@code type}/{@code id}, with the given int states. */
  public static byte[] batch(TypeName type, String id, int size, String... intStates) {
    ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder()
        .setTarget(Address.newBuilder().setNamespace(type.namespace()).setType(type.name()).setId(id));
    for (String state : intStates) {
      batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(state).setStateValue(typed(Types.INT, 1)));
    }
    for (int i = 0; i < size; i++) {
      batch.addInvocations(ToFunction.Invocation.newBuilder().setArgument(typed(Types.STRING, "call-" + i)));
    }
    return ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
  }

  private static <T> TypedValue typed(Type<T> type, T value) {
    return TypedValue.newBuilder().setTypename(type.typeName().canonical()).setHasValue(true)
        .setValue(ByteString.copyFrom(type.serialize(value))).build();
  }
}
