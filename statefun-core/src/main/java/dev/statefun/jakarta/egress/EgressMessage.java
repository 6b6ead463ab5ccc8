package dev.statefun.jakarta.egress;

import dev.statefun.jakarta.internal.InternalAccess;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.types.Type;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record for an egress: the egress's typename (as declared in {@code module.yaml}) and a typed
 * value. Build Kafka and Kinesis records with {@link KafkaEgressMessage} and
 * {@link KinesisEgressMessage}; {@link #of} builds one for any other (generic) egress.
 */
public final class EgressMessage {
  private final TypeName target;
  private final TypeName valueTypeName;
  private final byte[] value;

  EgressMessage(TypeName target, TypeName valueTypeName, byte[] value) {
    this.target = Objects.requireNonNull(target, "egress typename");
    this.valueTypeName = Objects.requireNonNull(valueTypeName, "valueTypeName");
    this.value = Objects.requireNonNull(value, "value");
  }

  /** A record for a generic egress, carrying {@code value} encoded as {@code type}. */
  public static <T> EgressMessage of(TypeName egress, Type<T> type, T value) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "egress value");
    return new EgressMessage(egress, type.typeName(), type.serialize(value));
  }

  /** A record for a generic egress from already encoded bytes; the array is copied. */
  public static EgressMessage ofRaw(TypeName egress, TypeName valueTypeName, byte[] value) {
    return new EgressMessage(egress, valueTypeName, value.clone());
  }

  /** The egress this record goes to. */
  public TypeName target() {
    return target;
  }

  /** The typename of the value (for Kafka and Kinesis, the runtime's record typename). */
  public TypeName valueTypeName() {
    return valueTypeName;
  }

  /** A copy of the encoded value. */
  public byte[] rawValue() {
    return value.clone();
  }

  static {
    // The handler's writer reads the encoded value itself, without a copy.
    InternalAccess.install((InternalAccess.EgressAccessor) message -> message.value);
  }

  @Override
  public String toString() {
    return "EgressMessage{to " + target + ", " + valueTypeName + ", " + value.length + " bytes}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EgressMessage other
        && target.equals(other.target)
        && valueTypeName.equals(other.valueTypeName)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(target, valueTypeName, Arrays.hashCode(value));
  }
}
