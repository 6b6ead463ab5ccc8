package dev.statefun.jakarta.tools;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.egress.KinesisEgressMessage;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.KinesisEgressRecord;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's reply as plain maps and lists (for JSON) and as lines of text. Values are decoded as far as their
 * typename tells: the six primitives, Kafka and Kinesis records, any other UTF-8 text as text, the rest as base64.
 */
final class ReplyDecoder {
  private static final List<Type<?>> PRIMITIVES =
      List.of(Types.STRING, Types.INT, Types.LONG, Types.FLOAT, Types.DOUBLE, Types.BOOL);

  private ReplyDecoder() {}

  static Map<String, Object> toModel(FromFunction.InvocationResponse response) {
    Map<String, Object> model = new LinkedHashMap<>();
    List<Object> state = new ArrayList<>();
    for (FromFunction.PersistedValueMutation mutation : response.getStateMutationsList()) {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("name", mutation.getStateName());
      if (mutation.getMutationType() == FromFunction.PersistedValueMutation.MutationType.DELETE) {
        change.put("mutation", "delete");
      } else {
        change.put("mutation", "modify");
        change.putAll(value(mutation.getStateValue()));
      }
      state.add(change);
    }
    model.put("state", state);

    List<Object> messages = new ArrayList<>();
    for (FromFunction.Invocation invocation : response.getOutgoingMessagesList()) {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("target", address(invocation.getTarget()));
      message.putAll(value(invocation.getArgument()));
      messages.add(message);
    }
    model.put("messages", messages);

    List<Object> delayed = new ArrayList<>();
    List<Object> cancellations = new ArrayList<>();
    for (FromFunction.DelayedInvocation invocation : response.getDelayedInvocationsList()) {
      if (invocation.getIsCancellationRequest()) {
        cancellations.add(Map.of("token", invocation.getCancellationToken()));
        continue;
      }
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("delayMillis", invocation.getDelayInMs());
      if (!invocation.getCancellationToken().isEmpty()) {
        message.put("token", invocation.getCancellationToken());
      }
      message.put("target", address(invocation.getTarget()));
      message.putAll(value(invocation.getArgument()));
      delayed.add(message);
    }
    model.put("delayedMessages", delayed);
    model.put("cancellations", cancellations);

    List<Object> egress = new ArrayList<>();
    for (FromFunction.EgressMessage message : response.getOutgoingEgressesList()) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("egress", message.getEgressNamespace() + "/" + message.getEgressType());
      record.putAll(value(message.getArgument()));
      egress.add(record);
    }
    model.put("egress", egress);
    return model;
  }

  /** One line per effect, in the order of {@link #toModel}. */
  @SuppressWarnings("unchecked")
  static List<String> toText(Map<String, Object> model) {
    List<String> lines = new ArrayList<>();
    for (Object o : (List<Object>) model.get("state")) {
      Map<String, Object> change = (Map<String, Object>) o;
      lines.add("delete".equals(change.get("mutation"))
          ? "state " + change.get("name") + " deleted"
          : "state " + change.get("name") + " = " + describe(change));
    }
    for (Object o : (List<Object>) model.get("messages")) {
      Map<String, Object> message = (Map<String, Object>) o;
      lines.add("message to " + message.get("target") + ": " + describe(message));
    }
    for (Object o : (List<Object>) model.get("delayedMessages")) {
      Map<String, Object> message = (Map<String, Object>) o;
      lines.add("delayed message (" + message.get("delayMillis") + " ms"
          + (message.containsKey("token") ? ", token " + message.get("token") : "") + ") to " + message.get("target")
          + ": " + describe(message));
    }
    for (Object o : (List<Object>) model.get("cancellations")) {
      lines.add("cancellation of token " + ((Map<String, Object>) o).get("token"));
    }
    for (Object o : (List<Object>) model.get("egress")) {
      Map<String, Object> record = (Map<String, Object>) o;
      lines.add("egress " + record.get("egress") + ": " + describe(record));
    }
    if (lines.isEmpty()) {
      lines.add("no effects");
    }
    return lines;
  }

  @SuppressWarnings("unchecked")
  private static String describe(Map<String, Object> value) {
    if (value.containsKey("kafka")) {
      Map<String, Object> kafka = (Map<String, Object>) value.get("kafka");
      return "Kafka record to topic " + kafka.get("topic") + ", key " + quote(kafka.get("key")) + ", value "
          + describe(kafka);
    }
    if (value.containsKey("kinesis")) {
      Map<String, Object> kinesis = (Map<String, Object>) value.get("kinesis");
      return "Kinesis record to stream " + kinesis.get("stream") + ", partition key "
          + quote(kinesis.get("partitionKey"))
          + (kinesis.get("explicitHashKey").toString().isEmpty() ? "" : ", explicit hash key "
              + kinesis.get("explicitHashKey"))
          + ", value " + describe(kinesis);
    }
    String type = value.containsKey("type") ? " (" + value.get("type") + ")" : "";
    if (value.containsKey("value")) {
      Object decoded = value.get("value");
      return (decoded instanceof String s ? quote(s) : String.valueOf(decoded)) + type;
    }
    if (value.containsKey("json")) {
      return value.get("json") + type;
    }
    if (value.containsKey("text")) {
      return quote(value.get("text")) + type;
    }
    if (value.containsKey("base64")) {
      return "base64 " + value.get("base64") + type;
    }
    return "no value" + type;
  }

  private static String quote(Object text) {
    return Json.write(String.valueOf(text));
  }

  private static String address(Address address) {
    return address.getNamespace() + "/" + address.getType() + "/" + address.getId();
  }

  /**
   * {@code type} and one of {@code value} (a primitive), {@code kafka}, {@code kinesis}, {@code json} (an object or
   * array), {@code text}, {@code base64}.
   */
  static Map<String, Object> value(TypedValue typed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", typed.getTypename());
    if (!typed.getHasValue()) {
      return out;
    }
    byte[] bytes = typed.getValue().toByteArray();
    try {
      TypeName typeName = TypeName.parse(typed.getTypename());
      for (Type<?> primitive : PRIMITIVES) {
        if (primitive.typeName().equals(typeName)) {
          out.put("value", primitive.deserialize(bytes));
          return out;
        }
      }
      if (typeName.equals(KafkaEgressMessage.RECORD_TYPE)) {
        KafkaProducerRecord record = KafkaProducerRecord.parseFrom(bytes);
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("topic", record.getTopic());
        kafka.put("key", record.getKey());
        kafka.putAll(raw(record.getValueBytes()));
        out.put("kafka", kafka);
        return out;
      }
      if (typeName.equals(KinesisEgressMessage.RECORD_TYPE)) {
        KinesisEgressRecord record = KinesisEgressRecord.parseFrom(bytes);
        Map<String, Object> kinesis = new LinkedHashMap<>();
        kinesis.put("stream", record.getStream());
        kinesis.put("partitionKey", record.getPartitionKey());
        kinesis.put("explicitHashKey", record.getExplicitHashKey());
        kinesis.putAll(raw(record.getValueBytes()));
        out.put("kinesis", kinesis);
        return out;
      }
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      // Not what its typename says: show the bytes as they are.
    }
    out.putAll(raw(ByteString.copyFrom(bytes)));
    return out;
  }

  private static Map<String, Object> raw(ByteString bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
      // JSON objects and arrays as JSON (in the text output unquoted, in --json output nested), other text as text.
      return Json.isObjectOrArray(text) ? Map.of("json", new Json.Raw(text)) : Map.of("text", text);
    } catch (CharacterCodingException e) {
      return Map.of("base64", Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }
  }
}
