package dev.statefun.jakarta.opentelemetry;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;

/** Batches of a given size, built with statefun-core's {@link Requests}. */
public final class TestBatches {
  private TestBatches() {}

  /** A batch of {@code size} string invocations to {@code type}/{@code id}, with the given int states. */
  public static byte[] batch(TypeName type, String id, int size, String... intStates) {
    Requests batch = Requests.to(type.namespace(), type.name(), id);
    for (String state : intStates) {
      batch.state(state, Types.INT, 1);
    }
    for (int i = 0; i < size; i++) {
      batch.invoke("call-" + i);
    }
    return batch.bytes();
  }
}
