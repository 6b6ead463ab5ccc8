package dev.statefun.jakarta.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.util.List;

/**
 * The test suites' one builder of {@code ToFunction} requests, made with the generated classes as the
 * runtime makes them, and decoder of {@code FromFunction} replies. Published in statefun-core's test-jar.
 */
public final class Requests {
  private static final String KAFKA_RECORD = "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord";
  private final ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder();

  private Requests(Address target) {
    batch.setTarget(target);
  }

  /** A batch for {@code functionType} ("namespace/name") at {@code id}. */
  public static Requests to(String functionType, String id) {
    return new Requests(address(functionType, id));
  }

  /** A batch for {@code namespace/type} at {@code id}. */
  public static Requests to(String namespace, String type, String id) {
    return new Requests(address(namespace, type, id));
  }

  /** The address of {@code functionType} ("namespace/name") at {@code id}. */
  public static Address address(String functionType, String id) {
    int slash = functionType.lastIndexOf('/');
    return address(functionType.substring(0, slash), functionType.substring(slash + 1), id);
  }

  public static Address address(String namespace, String type, String id) {
    return Address.newBuilder().setNamespace(namespace).setType(type).setId(id).build();
  }

  /** {@code value} serialized by {@code type}, with its type name. */
  public static <T> TypedValue typed(Type<T> type, T value) {
    return TypedValue.newBuilder().setTypename(type.typeName().canonical()).setHasValue(true)
        .setValue(ByteString.copyFrom(type.serialize(value))).build();
  }

  public <T> Requests state(String name, Type<T> type, T value) {
    return rawState(name, typed(type, value));
  }

  /** A state whose value is exactly {@code value}, valid or not. */
  public Requests rawState(String name, TypedValue value) {
    batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name).setStateValue(value));
    return this;
  }

  /** A state the runtime has registered but holds no value for: only the name. */
  public Requests emptyState(String name) {
    batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name));
    return this;
  }

  /** An invocation with a string argument. */
  public Requests invoke(String argument) {
    return invoke(Types.STRING, argument);
  }

  public <T> Requests invoke(Type<T> type, T argument) {
    return rawInvoke(typed(type, argument));
  }

  /** An invocation whose argument is exactly {@code argument}, valid or not. */
  public Requests rawInvoke(TypedValue argument) {
    batch.addInvocations(ToFunction.Invocation.newBuilder().setArgument(argument));
    return this;
  }

  /** An invocation sent by {@code caller}. */
  public <T> Requests invokeFrom(Address caller, Type<T> type, T argument) {
    batch.addInvocations(ToFunction.Invocation.newBuilder().setCaller(caller).setArgument(typed(type, argument)));
    return this;
  }

  /** The whole request. */
  public ToFunction build() {
    return ToFunction.newBuilder().setInvocation(batch).build();
  }

  public byte[] bytes() {
    return build().toByteArray();
  }

  /** Sends the batch to {@code handler} and waits for the decoded reply (see {@link #reply}). */
  public FromFunction call(RequestReplyHandler handler) {
    return reply(handler, bytes());
  }

  /**
   * The handler's reply to {@code request}, decoded; fails unless the handler's bytes are exactly what
   * protobuf serializes for that reply. A failed request rethrows its RequestFailure.
   */
  public static FromFunction reply(RequestReplyHandler handler, byte[] request) {
    byte[] bytes = handler.handleBlocking(request);
    FromFunction reply = decode(bytes);
    assertArrayEquals(reply.toByteArray(), bytes, "reply bytes differ from protobuf's");
    return reply;
  }

  /** {@code bytes} as a FromFunction message. */
  public static FromFunction decode(byte[] bytes) {
    try {
      return FromFunction.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the reply is not a FromFunction message", e);
    }
  }

  /** The value of {@code value}, which must be of {@code type}. */
  public static <T> T value(Type<T> type, TypedValue value) {
    if (!value.getTypename().equals(type.typeName().canonical())) {
      throw new AssertionError("expected a " + type.typeName() + ", got " + value.getTypename());
    }
    return type.deserialize(value.getValue().toByteArray());
  }

  /** The Kafka record {@code egress} carries, which must be one (by its typename on the wire). */
  public static KafkaProducerRecord kafka(FromFunction.EgressMessage egress) {
    TypedValue argument = egress.getArgument();
    if (!argument.getTypename().equals(KAFKA_RECORD)) {
      throw new AssertionError("expected a " + KAFKA_RECORD + ", got " + argument.getTypename());
    }
    try {
      return KafkaProducerRecord.parseFrom(argument.getValue());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a Kafka record: " + egress, e);
    }
  }

  /** The string arguments of the reply's outgoing messages, in order. */
  public static List<String> sentStrings(FromFunction reply) {
    return reply.getInvocationResult().getOutgoingMessagesList().stream()
        .map(message -> value(Types.STRING, message.getArgument())).toList();
  }

  /** The reply's outgoing messages as "target id:string argument", in order. */
  public static List<String> sentTo(FromFunction reply) {
    return reply.getInvocationResult().getOutgoingMessagesList().stream()
        .map(message -> message.getTarget().getId() + ":" + value(Types.STRING, message.getArgument())).toList();
  }
}
