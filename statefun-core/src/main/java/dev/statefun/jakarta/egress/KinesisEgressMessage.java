package dev.statefun.jakarta.egress;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.types.Type;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds a record for a Kinesis egress: stream, partition key, optional explicit hash key, value.
 */
public final class KinesisEgressMessage {
  /** The typename the runtime requires on a Kinesis record. */
  public static final TypeName RECORD_TYPE =
      TypeName.of("type.googleapis.com", "io.statefun.sdk.egress.KinesisEgressRecord");

  private final TypeName egress;
  private String stream;
  private String partitionKey;
  private String explicitHashKey = "";
  private byte[] value;

  private KinesisEgressMessage(TypeName egress) {
    this.egress = Objects.requireNonNull(egress, "egress typename");
  }

  public static KinesisEgressMessage forEgress(TypeName egress) {
    return new KinesisEgressMessage(egress);
  }

  public KinesisEgressMessage withStream(String stream) {
    this.stream = Objects.requireNonNull(stream, "stream");
    return this;
  }

  public KinesisEgressMessage withUtf8PartitionKey(String partitionKey) {
    this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
    return this;
  }

  /** Optional; the runtime applies it only when non-empty. */
  public KinesisEgressMessage withUtf8ExplicitHashKey(String explicitHashKey) {
    this.explicitHashKey = Objects.requireNonNull(explicitHashKey, "explicitHashKey");
    return this;
  }

  public KinesisEgressMessage withUtf8Value(String value) {
    this.value = Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** The value bytes, copied. */
  public KinesisEgressMessage withValue(byte[] value) {
    this.value = Objects.requireNonNull(value, "value").clone();
    return this;
  }

  public <T> KinesisEgressMessage withValue(Type<T> type, T value) {
    this.value = Objects.requireNonNull(type, "type").serialize(Objects.requireNonNull(value, "value"));
    return this;
  }

  public EgressMessage build() {
    if (stream == null || stream.isEmpty()) {
      throw new IllegalStateException("A Kinesis record for " + egress + " needs a stream: call withStream");
    }
    if (partitionKey == null || partitionKey.isEmpty()) {
      throw new IllegalStateException(
          "A Kinesis record for " + egress + " needs a partition key: call withUtf8PartitionKey");
    }
    if (value == null) {
      throw new IllegalStateException("A Kinesis record for " + egress + " needs a value: call withValue");
    }
    return new EgressMessage(egress, RECORD_TYPE,
        RecordEncoding.encode(RecordEncoding.KINESIS, partitionKey, value, stream, explicitHashKey));
  }
}
