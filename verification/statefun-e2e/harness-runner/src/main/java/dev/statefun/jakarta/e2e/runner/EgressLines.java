package dev.statefun.jakarta.e2e.runner;

import java.util.Base64;
import org.apache.flink.statefun.flink.harness.io.SerializableConsumer;
import org.apache.flink.statefun.sdk.reqreply.generated.TypedValue;

/** Reports every record an egress receives as one {@code egress} line on stdout. */
final class EgressLines implements SerializableConsumer<TypedValue> {
  private static final long serialVersionUID = 1L;

  private final String egress;

  EgressLines(String egress) {
    this.egress = egress;
  }

  @Override
  public void accept(TypedValue record) {
    Protocol.emit("egress", egress, record.getTypename(),
        Base64.getEncoder().encodeToString(record.getValue().toByteArray()));
  }
}
