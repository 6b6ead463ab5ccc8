package dev.statefun.jakarta.testing;

import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one batch produced, in the order the function produced each kind.
 *
 * @param messages messages sent to functions
 * @param delayedMessages delayed messages
 * @param cancellations cancelled delayed messages
 * @param egressMessages egress records (decode Kafka and Kinesis records with {@link EgressRecords})
 * @param stateChanges the net change per state name; values only read are absent
 */
public record InvocationResult(
    List<Message> messages,
    List<DelayedMessage> delayedMessages,
    List<CancellationToken> cancellations,
    List<EgressMessage> egressMessages,
    Map<String, StateChange> stateChanges,
    Map<String, byte[]> stateAfter,
    FunctionSpec spec) {

  InvocationResult(FunctionSpec spec, List<Message> messages, List<DelayedMessage> delayedMessages,
      List<CancellationToken> cancellations, List<EgressMessage> egressMessages,
      Map<String, StateChange> stateChanges, Map<String, byte[]> stateAfter) {
    this(List.copyOf(messages), List.copyOf(delayedMessages), List.copyOf(cancellations), List.copyOf(egressMessages),
        Map.copyOf(stateChanges), Map.copyOf(stateAfter), spec);
  }

  /** The value stored after the batch. */
  public <T> Optional<T> state(ValueSpec<T> valueSpec) {
    if (!spec.valueSpecs().contains(valueSpec)) {
      throw new IllegalArgumentException("Function " + spec.typeName() + " does not declare " + valueSpec);
    }
    byte[] bytes = stateAfter.get(valueSpec.name());
    return bytes == null ? Optional.empty() : Optional.of(valueSpec.type().deserialize(bytes.clone()));
  }
}
