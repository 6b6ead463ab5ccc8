package dev.statefun.jakarta.benchmarks;

import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.IntWrapper;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;

/** Builds the request bytes all three contenders parse: what the runtime would POST to the greeter. */
public final class GreetRequests {
  private GreetRequests() {}

  /** The greeter instance every request targets. */
  public static final String TARGET_ID = "user-7";
  /** The stored count the requests carry; the first invocation of a batch therefore greets a 42nd time. */
  public static final int STORED_SEEN = 41;

  // Mixed lengths, and one non-ASCII name so UTF-8 encoding is not the all-ASCII fast path only.
  private static final String[] NAMES = {
      "Alice", "Bob", "Chiara", "Dmitri", "Zoë", "Fatima", "Gustavo", "Hiroshi"};

  /** The name (message argument) of the {@code index}-th invocation of a batch. */
  public static String nameAt(int index) {
    return NAMES[index % NAMES.length];
  }

  /**
   * A batch of {@code size} invocations for {@code com.example.fns/greeter/user-7}, state {@code seen}
   * present with value {@value #STORED_SEEN}; every other invocation has a caller (as when one function
   * messages another), the rest came from an ingress.
   */
  public static byte[] batch(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("A batch has at least one invocation, got " + size);
    }
    ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder()
        .setTarget(address(Greeting.FNS_NAMESPACE, Greeting.GREETER, TARGET_ID))
        .addState(ToFunction.PersistedValue.newBuilder()
            .setStateName(Greeting.STATE_SEEN)
            .setStateValue(TypedValue.newBuilder()
                .setTypename(Greeting.INT_TYPENAME)
                .setHasValue(true)
                .setValue(IntWrapper.newBuilder().setValue(STORED_SEEN).build().toByteString())));
    for (int i = 0; i < size; i++) {
      ToFunction.Invocation.Builder invocation = ToFunction.Invocation.newBuilder()
          .setArgument(TypedValue.newBuilder()
              .setTypename(Greeting.STRING_TYPENAME)
              .setHasValue(true)
              .setValue(StringWrapper.newBuilder().setValue(nameAt(i)).build().toByteString()));
      if (i % 2 == 1) {
        invocation.setCaller(address(Greeting.FNS_NAMESPACE, "frontend", "session-" + i));
      }
      batch.addInvocations(invocation);
    }
    return ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
  }

  private static Address address(String namespace, String type, String id) {
    return Address.newBuilder().setNamespace(namespace).setType(type).setId(id).build();
  }
}
