package dev.statefun.jakarta.handler;

import com.google.protobuf.CodedOutputStream;
import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.internal.InternalAccess;
import dev.statefun.jakarta.message.Message;
import java.io.IOException;

/**
 * Writes {@code FromFunction{invocation_result}} straight into an array of the exact size: one pass
 * measures, one pass writes, no protobuf builders. Field numbers are those of
 * {@code request-reply.proto}; proto3 defaults (empty strings and bytes, false, 0) are omitted as
 * protobuf omits them, so the bytes equal what the generated classes would produce.
 */
final class ReplyWriter {
  private static final int FROM_FUNCTION_INVOCATION_RESULT = 100;
  private static final int RESPONSE_MUTATIONS = 1;
  private static final int RESPONSE_MESSAGES = 2;
  private static final int RESPONSE_DELAYED = 3;
  private static final int RESPONSE_EGRESSES = 4;
  private static final int MUTATION_TYPE_MODIFY = 1;

  private static final InternalAccess.MessageAccessor MESSAGES = InternalAccess.messages();
  private static final InternalAccess.TypeNameAccessor TYPE_NAMES = InternalAccess.typeNames();

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
    int total = CodedOutputStream.computeTagSize(FROM_FUNCTION_INVOCATION_RESULT)
        + CodedOutputStream.computeUInt32SizeNoTag(responseSize) + responseSize;
    byte[] out = new byte[total];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.writeTag(FROM_FUNCTION_INVOCATION_RESULT, 2);
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
    for (Object effect : effects) {
      size += lengthDelimited(effectSize(effect));
    }
    return size;
  }

  private static int lengthDelimited(int size) {
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
  }

  private static int bytesField(int length) {
    return length == 0 ? 0 : lengthDelimited(length);
  }

  private int mutationSize(int i) {
    int size = CodedOutputStream.computeStringSize(2, storage.specName(i));
    if (storage.isWritten(i)) {
      size += 2 + lengthDelimited(typedValueSize(storage.specTypeName(i), encodedState[i].length));
    }
    return size;
  }

  private static int typedValueSize(TypeName typeName, int valueLength) {
    return bytesField(TYPE_NAMES.canonicalUtf8(typeName).length) + 2 + bytesField(valueLength);
  }

  private static int addressSize(Address address) {
    TypeName type = address.type();
    return bytesField(TYPE_NAMES.namespaceUtf8(type).length)
        + bytesField(TYPE_NAMES.nameUtf8(type).length)
        + (address.id().isEmpty() ? 0 : CodedOutputStream.computeStringSize(3, address.id()));
  }

  private static int messageSize(Message message) {
    return lengthDelimited(addressSize(message.targetAddress()))
        + lengthDelimited(typedValueSize(message.valueTypeName(), MESSAGES.length(message)));
  }

  private static int effectSize(Object effect) {
    if (effect instanceof Message message) {
      return messageSize(message);
    }
    if (effect instanceof Effects.Delayed delayed) {
      int size = messageSize(delayed.message());
      if (delayed.delayMillis() != 0) {
        size += CodedOutputStream.computeInt64Size(1, delayed.delayMillis());
      }
      if (delayed.token() != null) {
        size += CodedOutputStream.computeStringSize(11, delayed.token());
      }
      return size;
    }
    if (effect instanceof Effects.Cancellation cancellation) {
      return 2 + CodedOutputStream.computeStringSize(11, cancellation.token());
    }
    EgressMessage egress = (EgressMessage) effect;
    TypeName target = egress.target();
    return bytesField(TYPE_NAMES.namespaceUtf8(target).length)
        + bytesField(TYPE_NAMES.nameUtf8(target).length)
        + lengthDelimited(typedValueSize(egress.valueTypeName(), egress.rawValueUnsafe().length));
  }

  // ---- writing

  private void writeResponse(CodedOutputStream out) throws IOException {
    for (int i = 0; i < encodedState.length; i++) {
      if (storage.isWritten(i) || storage.isRemoved(i)) {
        out.writeTag(RESPONSE_MUTATIONS, 2);
        out.writeUInt32NoTag(mutationSize(i));
        if (storage.isWritten(i)) {
          out.writeEnum(1, MUTATION_TYPE_MODIFY);
        }
        out.writeString(2, storage.specName(i));
        if (storage.isWritten(i)) {
          byte[] value = encodedState[i];
          out.writeTag(3, 2);
          out.writeUInt32NoTag(typedValueSize(storage.specTypeName(i), value.length));
          writeTypedValue(out, storage.specTypeName(i), value, 0, value.length);
        }
      }
    }
    // Each kind goes to its own repeated field; relative order within a kind is preserved.
    for (Object effect : effects) {
      if (effect instanceof Message message) {
        out.writeTag(RESPONSE_MESSAGES, 2);
        out.writeUInt32NoTag(messageSize(message));
        writeMessage(out, message, 1, 2);
      }
    }
    for (Object effect : effects) {
      if (effect instanceof Effects.Delayed delayed) {
        out.writeTag(RESPONSE_DELAYED, 2);
        out.writeUInt32NoTag(effectSize(delayed));
        if (delayed.delayMillis() != 0) {
          out.writeInt64(1, delayed.delayMillis());
        }
        writeMessage(out, delayed.message(), 2, 3);
        if (delayed.token() != null) {
          out.writeString(11, delayed.token());
        }
      } else if (effect instanceof Effects.Cancellation cancellation) {
        out.writeTag(RESPONSE_DELAYED, 2);
        out.writeUInt32NoTag(effectSize(cancellation));
        out.writeBool(10, true);
        out.writeString(11, cancellation.token());
      }
    }
    for (Object effect : effects) {
      if (effect instanceof EgressMessage egress) {
        out.writeTag(RESPONSE_EGRESSES, 2);
        out.writeUInt32NoTag(effectSize(egress));
        TypeName target = egress.target();
        writeBytesField(out, 1, TYPE_NAMES.namespaceUtf8(target));
        writeBytesField(out, 2, TYPE_NAMES.nameUtf8(target));
        byte[] value = egress.rawValueUnsafe();
        out.writeTag(3, 2);
        out.writeUInt32NoTag(typedValueSize(egress.valueTypeName(), value.length));
        writeTypedValue(out, egress.valueTypeName(), value, 0, value.length);
      }
    }
  }

  /** Writes a message's target and argument as the given fields of the enclosing message. */
  private static void writeMessage(CodedOutputStream out, Message message, int targetField, int argumentField)
      throws IOException {
    Address target = message.targetAddress();
    out.writeTag(targetField, 2);
    out.writeUInt32NoTag(addressSize(target));
    writeBytesField(out, 1, TYPE_NAMES.namespaceUtf8(target.type()));
    writeBytesField(out, 2, TYPE_NAMES.nameUtf8(target.type()));
    if (!target.id().isEmpty()) {
      out.writeString(3, target.id());
    }
    int length = MESSAGES.length(message);
    out.writeTag(argumentField, 2);
    out.writeUInt32NoTag(typedValueSize(message.valueTypeName(), length));
    writeTypedValue(out, message.valueTypeName(), MESSAGES.buffer(message), MESSAGES.offset(message), length);
  }

  private static void writeTypedValue(CodedOutputStream out, TypeName typeName, byte[] value, int offset, int length)
      throws IOException {
    writeBytesField(out, 1, TYPE_NAMES.canonicalUtf8(typeName));
    out.writeBool(2, true);
    if (length > 0) {
      out.writeTag(3, 2);
      out.writeUInt32NoTag(length);
      out.writeRawBytes(value, offset, length);
    }
  }

  private static void writeBytesField(CodedOutputStream out, int field, byte[] bytes) throws IOException {
    if (bytes.length > 0) {
      out.writeTag(field, 2);
      out.writeUInt32NoTag(bytes.length);
      out.writeRawBytes(bytes);
    }
  }
}
