package dev.statefun.jakarta.handler;

import com.google.protobuf.CodedOutputStream;
import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.internal.InternalAccess;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.FromFunction.DelayedInvocation;
import dev.statefun.jakarta.internal.protocol.FromFunction.InvocationResponse;
import dev.statefun.jakarta.internal.protocol.FromFunction.PersistedValueMutation;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import java.io.IOException;

/**
 * Writes {@code FromFunction{invocation_result}} straight into an array of the exact size: one pass
 * measures, one pass writes, no protobuf builders. Field numbers are the generated classes'
 * {@code *_FIELD_NUMBER} constants; proto3 defaults (empty strings and bytes, false, 0) are omitted
 * as protobuf omits them, so the bytes equal what the generated classes would produce. Typenames are
 * written from their {@link TypeNameUtf8} forms, looked up once per run of equal typenames in a pass.
 */
final class ReplyWriter {
  private static final int LENGTH_DELIMITED = 2;
  // FromFunction and its InvocationResponse
  private static final int INVOCATION_RESULT = FromFunction.INVOCATION_RESULT_FIELD_NUMBER;
  private static final int STATE_MUTATIONS = InvocationResponse.STATE_MUTATIONS_FIELD_NUMBER;
  private static final int OUTGOING_MESSAGES = InvocationResponse.OUTGOING_MESSAGES_FIELD_NUMBER;
  private static final int DELAYED_INVOCATIONS = InvocationResponse.DELAYED_INVOCATIONS_FIELD_NUMBER;
  private static final int OUTGOING_EGRESSES = InvocationResponse.OUTGOING_EGRESSES_FIELD_NUMBER;
  // PersistedValueMutation
  private static final int MUTATION_TYPE = PersistedValueMutation.MUTATION_TYPE_FIELD_NUMBER;
  private static final int MUTATION_STATE_NAME = PersistedValueMutation.STATE_NAME_FIELD_NUMBER;
  private static final int MUTATION_STATE_VALUE = PersistedValueMutation.STATE_VALUE_FIELD_NUMBER;
  private static final int MODIFY = PersistedValueMutation.MutationType.MODIFY_VALUE;
  // Invocation (an outgoing message)
  private static final int MESSAGE_TARGET = FromFunction.Invocation.TARGET_FIELD_NUMBER;
  private static final int MESSAGE_ARGUMENT = FromFunction.Invocation.ARGUMENT_FIELD_NUMBER;
  // DelayedInvocation
  private static final int DELAY_IN_MS = DelayedInvocation.DELAY_IN_MS_FIELD_NUMBER;
  private static final int DELAYED_TARGET = DelayedInvocation.TARGET_FIELD_NUMBER;
  private static final int DELAYED_ARGUMENT = DelayedInvocation.ARGUMENT_FIELD_NUMBER;
  private static final int IS_CANCELLATION_REQUEST = DelayedInvocation.IS_CANCELLATION_REQUEST_FIELD_NUMBER;
  private static final int CANCELLATION_TOKEN = DelayedInvocation.CANCELLATION_TOKEN_FIELD_NUMBER;
  // EgressMessage
  private static final int EGRESS_NAMESPACE = FromFunction.EgressMessage.EGRESS_NAMESPACE_FIELD_NUMBER;
  private static final int EGRESS_TYPE = FromFunction.EgressMessage.EGRESS_TYPE_FIELD_NUMBER;
  private static final int EGRESS_ARGUMENT = FromFunction.EgressMessage.ARGUMENT_FIELD_NUMBER;
  // Address
  private static final int ADDRESS_NAMESPACE = dev.statefun.jakarta.internal.protocol.Address.NAMESPACE_FIELD_NUMBER;
  private static final int ADDRESS_TYPE = dev.statefun.jakarta.internal.protocol.Address.TYPE_FIELD_NUMBER;
  private static final int ADDRESS_ID = dev.statefun.jakarta.internal.protocol.Address.ID_FIELD_NUMBER;
  // TypedValue
  private static final int TYPENAME = TypedValue.TYPENAME_FIELD_NUMBER;
  private static final int HAS_VALUE = TypedValue.HAS_VALUE_FIELD_NUMBER;
  private static final int VALUE = TypedValue.VALUE_FIELD_NUMBER;

  private static final InternalAccess.MessageAccessor MESSAGES = InternalAccess.messages();
  private static final InternalAccess.EgressAccessor EGRESS = InternalAccess.egress();

  private final BatchStorage storage;
  private final Effects effects;
  private final byte[][] encodedState;

  private ReplyWriter(BatchStorage storage, Effects effects) {
    this.storage = storage;
    this.effects = effects;
    this.encodedState = new byte[storage.size()][];
  }

  static byte[] write(BatchStorage storage, Effects effects) throws IOException {
    return new ReplyWriter(storage, effects).write();
  }

  private byte[] write() throws IOException {
    for (int i = 0; i < encodedState.length; i++) {
      if (storage.isWritten(i)) {
        encodedState[i] = storage.encoded(i);
      }
    }
    int responseSize = responseSize();
    int total = CodedOutputStream.computeTagSize(INVOCATION_RESULT)
        + CodedOutputStream.computeUInt32SizeNoTag(responseSize) + responseSize;
    byte[] out = new byte[total];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.writeTag(INVOCATION_RESULT, LENGTH_DELIMITED);
    cos.writeUInt32NoTag(responseSize);
    writeResponse(cos);
    cos.checkNoSpaceLeft();
    return out;
  }

  // ---- sizes

  private int responseSize() {
    int size = 0;
    for (int i = 0; i < encodedState.length; i++) {
      if (storage.isWritten(i) || storage.isRemoved(i)) {
        size += lengthDelimited(mutationSize(i));
      }
    }
    // Consecutive messages (and records) mostly share their typenames: each is looked up once per run.
    TypeName target = null;
    TypeName valueType = null;
    TypeNameUtf8 targetUtf8 = null;
    TypeNameUtf8 valueTypeUtf8 = null;
    for (Message message : effects.messages()) {
      targetUtf8 = utf8(message.targetAddress().type(), target, targetUtf8);
      target = message.targetAddress().type();
      valueTypeUtf8 = utf8(message.valueTypeName(), valueType, valueTypeUtf8);
      valueType = message.valueTypeName();
      size += lengthDelimited(messageSize(message, targetUtf8, valueTypeUtf8));
    }
    for (Effects.DelayedEffect delayed : effects.delayed()) {
      size += lengthDelimited(delayedSize(delayed));
    }
    for (EgressMessage egress : effects.egresses()) {
      targetUtf8 = utf8(egress.target(), target, targetUtf8);
      target = egress.target();
      valueTypeUtf8 = utf8(egress.valueTypeName(), valueType, valueTypeUtf8);
      valueType = egress.valueTypeName();
      size += lengthDelimited(egressSize(egress, targetUtf8, valueTypeUtf8));
    }
    return size;
  }

  /** {@code typeName}'s UTF-8 forms: {@code previousUtf8} if it is the {@code previous} typename. */
  private static TypeNameUtf8 utf8(TypeName typeName, TypeName previous, TypeNameUtf8 previousUtf8) {
    return typeName == previous ? previousUtf8 : TypeNameUtf8.of(typeName);
  }

  /** A length-delimited field's size; every field number written here fits a one-byte tag. */
  private static int lengthDelimited(int size) {
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
  }

  private static int bytesField(int length) {
    return length == 0 ? 0 : lengthDelimited(length);
  }

  private int mutationSize(int i) {
    int size = CodedOutputStream.computeStringSize(MUTATION_STATE_NAME, storage.specName(i));
    if (storage.isWritten(i)) {
      size += CodedOutputStream.computeEnumSize(MUTATION_TYPE, MODIFY)
          + lengthDelimited(typedValueSize(TypeNameUtf8.of(storage.specTypeName(i)), encodedState[i].length));
    }
    return size;
  }

  private static int typedValueSize(TypeNameUtf8 typeName, int valueLength) {
    return bytesField(typeName.canonical().length) + CodedOutputStream.computeBoolSize(HAS_VALUE, true)
        + bytesField(valueLength);
  }

  private static int addressSize(TypeNameUtf8 type, String id) {
    return bytesField(type.namespace().length)
        + bytesField(type.name().length)
        + (id.isEmpty() ? 0 : CodedOutputStream.computeStringSize(ADDRESS_ID, id));
  }

  private static int messageSize(Message message) {
    return messageSize(message, TypeNameUtf8.of(message.targetAddress().type()),
        TypeNameUtf8.of(message.valueTypeName()));
  }

  /** The size of a message's target and argument as two length-delimited fields (of one-byte tags). */
  private static int messageSize(Message message, TypeNameUtf8 targetType, TypeNameUtf8 valueType) {
    return lengthDelimited(addressSize(targetType, message.targetAddress().id()))
        + lengthDelimited(typedValueSize(valueType, MESSAGES.length(message)));
  }

  private static int delayedSize(Effects.DelayedEffect effect) {
    if (effect instanceof Effects.Delayed delayed) {
      int size = messageSize(delayed.message());
      if (delayed.delayMillis() != 0) {
        size += CodedOutputStream.computeInt64Size(DELAY_IN_MS, delayed.delayMillis());
      }
      if (delayed.token() != null) {
        size += CodedOutputStream.computeStringSize(CANCELLATION_TOKEN, delayed.token());
      }
      return size;
    }
    Effects.Cancellation cancellation = (Effects.Cancellation) effect; // the only other kind
    return CodedOutputStream.computeBoolSize(IS_CANCELLATION_REQUEST, true)
        + CodedOutputStream.computeStringSize(CANCELLATION_TOKEN, cancellation.token());
  }

  private static int egressSize(EgressMessage egress, TypeNameUtf8 target, TypeNameUtf8 valueType) {
    return bytesField(target.namespace().length)
        + bytesField(target.name().length)
        + lengthDelimited(typedValueSize(valueType, EGRESS.value(egress).length));
  }

  // ---- writing

  private void writeResponse(CodedOutputStream out) throws IOException {
    for (int i = 0; i < encodedState.length; i++) {
      if (storage.isWritten(i) || storage.isRemoved(i)) {
        out.writeTag(STATE_MUTATIONS, LENGTH_DELIMITED);
        out.writeUInt32NoTag(mutationSize(i));
        if (storage.isWritten(i)) {
          out.writeEnum(MUTATION_TYPE, MODIFY);
        }
        out.writeString(MUTATION_STATE_NAME, storage.specName(i));
        if (storage.isWritten(i)) {
          byte[] value = encodedState[i];
          TypeNameUtf8 typeName = TypeNameUtf8.of(storage.specTypeName(i));
          out.writeTag(MUTATION_STATE_VALUE, LENGTH_DELIMITED);
          out.writeUInt32NoTag(typedValueSize(typeName, value.length));
          writeTypedValue(out, typeName, value, 0, value.length);
        }
      }
    }
    TypeName target = null;
    TypeName valueType = null;
    TypeNameUtf8 targetUtf8 = null;
    TypeNameUtf8 valueTypeUtf8 = null;
    for (Message message : effects.messages()) {
      targetUtf8 = utf8(message.targetAddress().type(), target, targetUtf8);
      target = message.targetAddress().type();
      valueTypeUtf8 = utf8(message.valueTypeName(), valueType, valueTypeUtf8);
      valueType = message.valueTypeName();
      out.writeTag(OUTGOING_MESSAGES, LENGTH_DELIMITED);
      out.writeUInt32NoTag(messageSize(message, targetUtf8, valueTypeUtf8));
      writeMessage(out, message, targetUtf8, valueTypeUtf8, MESSAGE_TARGET, MESSAGE_ARGUMENT);
    }
    for (Effects.DelayedEffect effect : effects.delayed()) {
      out.writeTag(DELAYED_INVOCATIONS, LENGTH_DELIMITED);
      out.writeUInt32NoTag(delayedSize(effect));
      if (effect instanceof Effects.Delayed delayed) {
        if (delayed.delayMillis() != 0) {
          out.writeInt64(DELAY_IN_MS, delayed.delayMillis());
        }
        Message message = delayed.message();
        writeMessage(out, message, TypeNameUtf8.of(message.targetAddress().type()),
            TypeNameUtf8.of(message.valueTypeName()), DELAYED_TARGET, DELAYED_ARGUMENT);
        if (delayed.token() != null) {
          out.writeString(CANCELLATION_TOKEN, delayed.token());
        }
      } else {
        Effects.Cancellation cancellation = (Effects.Cancellation) effect;
        out.writeBool(IS_CANCELLATION_REQUEST, true);
        out.writeString(CANCELLATION_TOKEN, cancellation.token());
      }
    }
    for (EgressMessage egress : effects.egresses()) {
      targetUtf8 = utf8(egress.target(), target, targetUtf8);
      target = egress.target();
      valueTypeUtf8 = utf8(egress.valueTypeName(), valueType, valueTypeUtf8);
      valueType = egress.valueTypeName();
      out.writeTag(OUTGOING_EGRESSES, LENGTH_DELIMITED);
      out.writeUInt32NoTag(egressSize(egress, targetUtf8, valueTypeUtf8));
      writeBytesField(out, EGRESS_NAMESPACE, targetUtf8.namespace());
      writeBytesField(out, EGRESS_TYPE, targetUtf8.name());
      byte[] value = EGRESS.value(egress);
      out.writeTag(EGRESS_ARGUMENT, LENGTH_DELIMITED);
      out.writeUInt32NoTag(typedValueSize(valueTypeUtf8, value.length));
      writeTypedValue(out, valueTypeUtf8, value, 0, value.length);
    }
  }

  /** Writes a message's target and argument as the given fields of the enclosing message. */
  private static void writeMessage(CodedOutputStream out, Message message, TypeNameUtf8 targetType,
      TypeNameUtf8 valueType, int targetField, int argumentField) throws IOException {
    Address target = message.targetAddress();
    out.writeTag(targetField, LENGTH_DELIMITED);
    out.writeUInt32NoTag(addressSize(targetType, target.id()));
    writeBytesField(out, ADDRESS_NAMESPACE, targetType.namespace());
    writeBytesField(out, ADDRESS_TYPE, targetType.name());
    if (!target.id().isEmpty()) {
      out.writeString(ADDRESS_ID, target.id());
    }
    int length = MESSAGES.length(message);
    out.writeTag(argumentField, LENGTH_DELIMITED);
    out.writeUInt32NoTag(typedValueSize(valueType, length));
    writeTypedValue(out, valueType, MESSAGES.buffer(message), MESSAGES.offset(message), length);
  }

  private static void writeTypedValue(CodedOutputStream out, TypeNameUtf8 typeName, byte[] value, int offset,
      int length) throws IOException {
    writeBytesField(out, TYPENAME, typeName.canonical());
    out.writeBool(HAS_VALUE, true);
    if (length > 0) {
      out.writeTag(VALUE, LENGTH_DELIMITED);
      out.writeUInt32NoTag(length);
      out.writeRawBytes(value, offset, length);
    }
  }

  private static void writeBytesField(CodedOutputStream out, int field, byte[] bytes) throws IOException {
    if (bytes.length > 0) {
      out.writeTag(field, LENGTH_DELIMITED);
      out.writeUInt32NoTag(bytes.length);
      out.writeRawBytes(bytes);
    }
  }
}
