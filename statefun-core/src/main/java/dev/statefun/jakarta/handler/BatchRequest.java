package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.internal.WireReader;
import dev.statefun.jakarta.internal.WireReader.WireFormatException;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parsed {@code ToFunction} invocation batch. Strings that the handler needs as strings are
 * decoded; state and argument values stay as offsets into the request array. Repeated occurrences
 * of a singular field merge as protobuf merges them (the last scalar wins).
 */
final class BatchRequest {
  // Tags from the generated classes' field numbers (constant expressions, for the switches), so that
  // the reader follows the .proto as the writer does.
  private static final int TO_FUNCTION_INVOCATION = (ToFunction.INVOCATION_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int BATCH_TARGET = (ToFunction.InvocationBatchRequest.TARGET_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int BATCH_STATE = (ToFunction.InvocationBatchRequest.STATE_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int BATCH_INVOCATIONS =
      (ToFunction.InvocationBatchRequest.INVOCATIONS_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int ADDRESS_NAMESPACE =
      (dev.statefun.jakarta.internal.protocol.Address.NAMESPACE_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int ADDRESS_TYPE = (dev.statefun.jakarta.internal.protocol.Address.TYPE_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int ADDRESS_ID = (dev.statefun.jakarta.internal.protocol.Address.ID_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int STATE_NAME = (ToFunction.PersistedValue.STATE_NAME_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int STATE_VALUE = (ToFunction.PersistedValue.STATE_VALUE_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int INVOCATION_CALLER = (ToFunction.Invocation.CALLER_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int INVOCATION_ARGUMENT = (ToFunction.Invocation.ARGUMENT_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int TYPED_TYPENAME = (TypedValue.TYPENAME_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;
  private static final int TYPED_HAS_VALUE = (TypedValue.HAS_VALUE_FIELD_NUMBER << 3) | WireReader.VARINT;
  private static final int TYPED_VALUE = (TypedValue.VALUE_FIELD_NUMBER << 3) | WireReader.LENGTH_DELIMITED;

  final byte[] buffer;
  boolean hasBatch;
  String targetNamespace = "";
  String targetType = "";
  String targetId = "";

  // The index: STATE_SLOTS ints per state value and INVOCATION_SLOTS per invocation, offsets and
  // lengths into the buffer; flat int arrays rather than an object each, as a batch may hold thousands.
  private static final int STATE_SLOTS = 7;
  private static final int STATE_NAME_OFFSET = 0;
  private static final int STATE_NAME_LENGTH = 1;
  private static final int STATE_TYPENAME_OFFSET = 2; // then its length, the value's offset and length
  private static final int STATE_HAS_VALUE = 6;
  private static final int INVOCATION_SLOTS = 7;
  private static final int INVOCATION_OFFSET = 0;
  private static final int INVOCATION_LENGTH = 1;
  private static final int INVOCATION_HAS_CALLER = 2;
  private static final int ARGUMENT_TYPENAME_OFFSET = 3; // then its length, the value's offset and length
  // Within a TypedValue's four slots.
  private static final int TYPENAME_OFFSET = 0;
  private static final int TYPENAME_LENGTH = 1;
  private static final int VALUE_OFFSET = 2;
  private static final int VALUE_LENGTH = 3;

  int stateCount;
  private int[] states = new int[STATE_SLOTS * 4];

  int invocationCount;
  private int[] invocations = new int[INVOCATION_SLOTS * 4];

  private final int maxInvocations;
  // The first invocation whose argument typename is invalid, or -1, with TypeName's reason; reported
  // by checkArgumentTypeNames once the target is known, so that the message names the address.
  private int invalidArgument = -1;
  private String invalidArgumentReason;
  // The last argument typename parsed, and where its bytes lie: consecutive invocations usually
  // share one typename, parsed once for the whole batch.
  private TypeName argumentType;
  private int argumentTypeOffset;
  private int argumentTypeLength;
  // The caller of the invocation being parsed, merged as protobuf merges it: [namespaceLen, typeLen, typeHasSlash].
  private final int[] caller = new int[3];

  private BatchRequest(byte[] buffer, int maxInvocations) {
    this.buffer = buffer;
    this.maxInvocations = maxInvocations;
  }

  /**
   * Parses a request and validates what the wire format cannot: throws {@link WireFormatException}
   * for anything that is not protobuf, {@link MalformedRequestException} for a protobuf message
   * that is no valid batch, {@link RequestTooLargeException} over a limit.
   */
  static BatchRequest parse(byte[] request, int maxInvocations) {
    BatchRequest batch = new BatchRequest(request, maxInvocations);
    WireReader reader = new WireReader(request, 0, request.length);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      if (tag == TO_FUNCTION_INVOCATION) {
        reader.readLengthDelimited();
        batch.hasBatch = true;
        batch.parseBatch(reader.lastOffset(), reader.lastLength());
      } else {
        reader.skipField(tag);
      }
    }
    if (batch.hasBatch) {
      batch.validate();
    }
    return batch;
  }

  private void validate() {
    if (invocationCount > maxInvocations) {
      throw new RequestTooLargeException("The batch holds " + invocationCount + " invocations; at most "
          + maxInvocations + " are accepted per request (raise the endpoint's statefun.max-batch-size, or lower"
          + " the runtime's maxNumBatchRequests)");
    }
    if (targetNamespace.isEmpty() || targetType.isEmpty()) {
      throw new MalformedRequestException("The invocation batch has no target function type");
    }
    if (targetType.indexOf('/') >= 0) {
      throw new MalformedRequestException("The invocation batch targets the invalid function type '"
          + targetNamespace + "/" + targetType + "': its name must not contain '/'");
    }
  }

  /** The target function type; valid once parsed. */
  TypeName targetTypeName() {
    return TypeName.of(targetNamespace, targetType);
  }

  private void parseBatch(int offset, int length) {
    WireReader reader = new WireReader(buffer, offset, length);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      switch (tag) {
        case BATCH_TARGET -> {
          reader.readLengthDelimited();
          parseTarget(reader.lastOffset(), reader.lastLength());
        }
        case BATCH_STATE -> {
          reader.readLengthDelimited();
          parseState(reader.lastOffset(), reader.lastLength());
        }
        case BATCH_INVOCATIONS -> {
          reader.readLengthDelimited();
          parseInvocation(reader.lastOffset(), reader.lastLength());
        }
        default -> reader.skipField(tag);
      }
    }
  }

  private void parseTarget(int offset, int length) {
    WireReader reader = new WireReader(buffer, offset, length);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      switch (tag) {
        case ADDRESS_NAMESPACE -> targetNamespace = reader.readString();
        case ADDRESS_TYPE -> targetType = reader.readString();
        case ADDRESS_ID -> targetId = reader.readString();
        default -> reader.skipField(tag);
      }
    }
  }

  private void parseState(int offset, int length) {
    if (stateCount == RequestReplyHandler.MAX_STATES_PER_REQUEST) {
      // Each entry costs 28 bytes of index for as little as 2 bytes of input: bound it.
      throw new RequestTooLargeException("The request carries more than "
          + RequestReplyHandler.MAX_STATES_PER_REQUEST + " state values");
    }
    int base = STATE_SLOTS * stateCount;
    if (base + STATE_SLOTS > states.length) {
      states = Arrays.copyOf(states, states.length * 2);
    }
    int[] s = states;
    Arrays.fill(s, base, base + STATE_SLOTS, 0);
    WireReader reader = new WireReader(buffer, offset, length);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      switch (tag) {
        case STATE_NAME -> {
          reader.readLengthDelimited();
          checkUtf8(reader.lastOffset(), reader.lastLength());
          s[base + STATE_NAME_OFFSET] = reader.lastOffset();
          s[base + STATE_NAME_LENGTH] = reader.lastLength();
        }
        case STATE_VALUE -> {
          reader.readLengthDelimited();
          parseTypedValue(reader.lastOffset(), reader.lastLength(), s, base + STATE_TYPENAME_OFFSET,
              base + STATE_HAS_VALUE);
        }
        default -> reader.skipField(tag);
      }
    }
    stateCount++;
  }

  private void parseInvocation(int offset, int length) {
    if (invocationCount >= maxInvocations) {
      // Counted (for the message) but not indexed: what a request costs stays bounded by the limit.
      invocationCount++;
      return;
    }
    int base = INVOCATION_SLOTS * invocationCount;
    if (base + INVOCATION_SLOTS > invocations.length) {
      invocations = Arrays.copyOf(invocations, invocations.length * 2);
    }
    int[] inv = invocations;
    Arrays.fill(inv, base, base + INVOCATION_SLOTS, 0);
    inv[base + INVOCATION_OFFSET] = offset;
    inv[base + INVOCATION_LENGTH] = length;
    caller[0] = 0;
    caller[1] = 0;
    caller[2] = 0;
    WireReader reader = new WireReader(buffer, offset, length);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      switch (tag) {
        case INVOCATION_CALLER -> {
          reader.readLengthDelimited();
          validateAddress(reader.lastOffset(), reader.lastLength());
          inv[base + INVOCATION_HAS_CALLER] = 1;
        }
        case INVOCATION_ARGUMENT -> {
          reader.readLengthDelimited();
          parseTypedValue(reader.lastOffset(), reader.lastLength(), inv, base + ARGUMENT_TYPENAME_OFFSET, -1);
        }
        default -> reader.skipField(tag);
      }
    }
    // An empty caller is no caller (an ingress); a partial one would fail in the function's caller().
    boolean noCaller = caller[0] == 0 && caller[1] == 0;
    if (inv[base + INVOCATION_HAS_CALLER] == 1 && !noCaller && (caller[0] == 0 || caller[1] == 0 || caller[2] == 1)) {
      throw new MalformedRequestException("Invocation " + invocationCount + " has an invalid caller address: "
          + (caller[2] == 1 ? "its type name must not contain '/'" : "its namespace and type must both be non-empty"),
          invocationCount);
    }
    if (invalidArgument < 0) {
      checkArgumentTypeName(base + ARGUMENT_TYPENAME_OFFSET);
    }
    invocationCount++;
  }

  /** Parses the typename at {@code invocations[at..at+1]} unless it repeats the last one; notes the first invalid one. */
  private void checkArgumentTypeName(int at) {
    int offset = invocations[at + TYPENAME_OFFSET];
    int length = invocations[at + TYPENAME_LENGTH];
    if (argumentType != null && length == argumentTypeLength
        && Arrays.equals(buffer, offset, offset + length, buffer, argumentTypeOffset, argumentTypeOffset + length)) {
      return;
    }
    try {
      argumentType = TypeName.parse(string(offset, length));
      argumentTypeOffset = offset;
      argumentTypeLength = length;
    } catch (IllegalArgumentException e) {
      invalidArgument = invocationCount;
      invalidArgumentReason = e.getMessage();
    }
  }

  /**
   * Throws the {@link MalformedRequestException} for the first invocation whose argument has an
   * invalid typename, if any; called before any invocation runs.
   */
  void checkArgumentTypeNames(Address self) {
    if (invalidArgument >= 0) {
      throw new MalformedRequestException("Invocation " + invalidArgument + " to " + self
          + " has an invalid argument typename: " + invalidArgumentReason, invalidArgument);
    }
  }

  /**
   * Reads a TypedValue into {@code out[at..at+3]} as [typenameOff, typenameLen, valueOff,
   * valueLen] and its has_value flag into {@code out[hasValueAt]} (if {@code hasValueAt >= 0}).
   */
  private void parseTypedValue(int offset, int length, int[] out, int at, int hasValueAt) {
    WireReader reader = new WireReader(buffer, offset, length);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      switch (tag) {
        case TYPED_TYPENAME -> {
          reader.readLengthDelimited();
          checkUtf8(reader.lastOffset(), reader.lastLength());
          out[at + TYPENAME_OFFSET] = reader.lastOffset();
          out[at + TYPENAME_LENGTH] = reader.lastLength();
        }
        case TYPED_HAS_VALUE -> {
          boolean hasValue = reader.readBool();
          if (hasValueAt >= 0) {
            out[hasValueAt] = hasValue ? 1 : 0;
          }
        }
        case TYPED_VALUE -> {
          reader.readLengthDelimited();
          out[at + VALUE_OFFSET] = reader.lastOffset();
          out[at + VALUE_LENGTH] = reader.lastLength();
        }
        default -> reader.skipField(tag);
      }
    }
  }

  private void validateAddress(int offset, int length) {
    WireReader reader = new WireReader(buffer, offset, length);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      if (tag == ADDRESS_NAMESPACE || tag == ADDRESS_TYPE || tag == ADDRESS_ID) {
        reader.readLengthDelimited();
        checkUtf8(reader.lastOffset(), reader.lastLength());
        if (tag == ADDRESS_NAMESPACE) {
          caller[0] = reader.lastLength();
        } else if (tag == ADDRESS_TYPE) {
          caller[1] = reader.lastLength();
          caller[2] = indexOf(reader.lastOffset(), reader.lastLength(), (byte) '/') >= 0 ? 1 : 0;
        }
      } else {
        reader.skipField(tag);
      }
    }
  }

  /**
   * The caller of invocation {@code index} as {namespace, type, id}, or null for none (an ingress
   * sends no caller, or an empty one). Parsed only when a function asks, by re-reading the
   * invocation so that repeated caller fields merge as protobuf merges them.
   */
  String[] caller(int index) {
    int base = INVOCATION_SLOTS * index;
    if (invocations[base + INVOCATION_HAS_CALLER] == 0) {
      return null;
    }
    String[] parts = {"", "", ""};
    WireReader reader = new WireReader(buffer, invocations[base + INVOCATION_OFFSET],
        invocations[base + INVOCATION_LENGTH]);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      if (tag == INVOCATION_CALLER) {
        reader.readLengthDelimited();
        readAddress(reader.lastOffset(), reader.lastLength(), parts);
      } else {
        reader.skipField(tag);
      }
    }
    return parts[0].isEmpty() && parts[1].isEmpty() ? null : parts;
  }

  private void readAddress(int offset, int length, String[] parts) {
    WireReader reader = new WireReader(buffer, offset, length);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      switch (tag) {
        case ADDRESS_NAMESPACE -> parts[0] = reader.readString();
        case ADDRESS_TYPE -> parts[1] = reader.readString();
        case ADDRESS_ID -> parts[2] = reader.readString();
        default -> reader.skipField(tag);
      }
    }
  }

  private void checkUtf8(int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (buffer[i] < 0) {
        WireReader.utf8(buffer, offset, length);
        return;
      }
    }
  }

  private int indexOf(int offset, int length, byte b) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (buffer[i] == b) {
        return i;
      }
    }
    return -1;
  }

  // ---- the index, by state and by invocation

  /** The index of the last state value named {@code name} (UTF-8; later occurrences win, as in protobuf), or -1. */
  int lastStateNamed(byte[] name) {
    for (int state = stateCount - 1; state >= 0; state--) {
      int base = STATE_SLOTS * state;
      if (bytesEqual(states[base + STATE_NAME_OFFSET], states[base + STATE_NAME_LENGTH], name)) {
        return state;
      }
    }
    return -1;
  }

  /** Whether state value {@code state} has a value ({@code has_value}); else it is registered but empty. */
  boolean stateHasValue(int state) {
    return states[STATE_SLOTS * state + STATE_HAS_VALUE] != 0;
  }

  /** Whether the typename of state value {@code state} is {@code typeName} (UTF-8). */
  boolean stateTypeIs(int state, byte[] typeName) {
    int at = STATE_SLOTS * state + STATE_TYPENAME_OFFSET;
    return bytesEqual(states[at + TYPENAME_OFFSET], states[at + TYPENAME_LENGTH], typeName);
  }

  String stateTypeName(int state) {
    int at = STATE_SLOTS * state + STATE_TYPENAME_OFFSET;
    return string(states[at + TYPENAME_OFFSET], states[at + TYPENAME_LENGTH]);
  }

  int stateValueOffset(int state) {
    return states[STATE_SLOTS * state + STATE_TYPENAME_OFFSET + VALUE_OFFSET];
  }

  int stateValueLength(int state) {
    return states[STATE_SLOTS * state + STATE_TYPENAME_OFFSET + VALUE_LENGTH];
  }

  /** The typename of the argument of invocation {@code index}, valid once {@link #checkArgumentTypeNames} passed. */
  TypeName argumentType(int index) {
    int at = INVOCATION_SLOTS * index + ARGUMENT_TYPENAME_OFFSET;
    int offset = invocations[at + TYPENAME_OFFSET];
    int length = invocations[at + TYPENAME_LENGTH];
    if (length != argumentTypeLength
        || !Arrays.equals(buffer, offset, offset + length, buffer, argumentTypeOffset, argumentTypeOffset + length)) {
      argumentType = TypeName.parse(string(offset, length));
      argumentTypeOffset = offset;
      argumentTypeLength = length;
    }
    return argumentType;
  }

  int argumentOffset(int index) {
    return invocations[INVOCATION_SLOTS * index + ARGUMENT_TYPENAME_OFFSET + VALUE_OFFSET];
  }

  int argumentLength(int index) {
    return invocations[INVOCATION_SLOTS * index + ARGUMENT_TYPENAME_OFFSET + VALUE_LENGTH];
  }

  /** Whether bytes {@code [offset, offset+length)} of the request equal {@code expected}. */
  private boolean bytesEqual(int offset, int length, byte[] expected) {
    return length == expected.length
        && Arrays.equals(buffer, offset, offset + length, expected, 0, expected.length);
  }

  private String string(int offset, int length) {
    return new String(buffer, offset, length, StandardCharsets.UTF_8);
  }
}
