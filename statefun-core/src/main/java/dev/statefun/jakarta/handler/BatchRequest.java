package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.internal.WireReader;
import dev.statefun.jakarta.internal.WireReader.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parsed {@code ToFunction} invocation batch. Strings that the handler needs as strings are
 * decoded; state and argument values stay as offsets into the request array. Repeated occurrences
 * of a singular field merge as protobuf merges them (the last scalar wins).
 */
final class BatchRequest {
  // ToFunction
  private static final int TO_FUNCTION_INVOCATION = (100 << 3) | WireReader.LENGTH_DELIMITED;
  // InvocationBatchRequest
  private static final int BATCH_TARGET = (1 << 3) | WireReader.LENGTH_DELIMITED;
  private static final int BATCH_STATE = (2 << 3) | WireReader.LENGTH_DELIMITED;
  private static final int BATCH_INVOCATIONS = (3 << 3) | WireReader.LENGTH_DELIMITED;
  // Address
  private static final int ADDRESS_NAMESPACE = (1 << 3) | WireReader.LENGTH_DELIMITED;
  private static final int ADDRESS_TYPE = (2 << 3) | WireReader.LENGTH_DELIMITED;
  private static final int ADDRESS_ID = (3 << 3) | WireReader.LENGTH_DELIMITED;
  // PersistedValue
  private static final int STATE_NAME = (1 << 3) | WireReader.LENGTH_DELIMITED;
  private static final int STATE_VALUE = (2 << 3) | WireReader.LENGTH_DELIMITED;
  // Invocation
  private static final int INVOCATION_CALLER = (1 << 3) | WireReader.LENGTH_DELIMITED;
  private static final int INVOCATION_ARGUMENT = (2 << 3) | WireReader.LENGTH_DELIMITED;
  // TypedValue
  private static final int TYPED_TYPENAME = (1 << 3) | WireReader.LENGTH_DELIMITED;
  private static final int TYPED_HAS_VALUE = (2 << 3) | WireReader.VARINT;
  private static final int TYPED_VALUE = (3 << 3) | WireReader.LENGTH_DELIMITED;

  final byte[] buffer;
  boolean hasBatch;
  String targetNamespace = "";
  String targetType = "";
  String targetId = "";

  int stateCount;
  // Per state: [nameOff, nameLen, typenameOff, typenameLen, valueOff, valueLen, hasValue]
  int[] states = new int[7 * 4];

  int invocationCount;
  // Per invocation: [invocationOff, invocationLen, hasCaller, typenameOff, typenameLen, valueOff, valueLen]
  int[] invocations = new int[7 * 4];

  private final int maxInvocations;
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
    int base = 7 * stateCount;
    if (base + 7 > states.length) {
      states = Arrays.copyOf(states, states.length * 2);
    }
    int[] s = states;
    s[base] = 0;
    s[base + 1] = 0;
    s[base + 2] = 0;
    s[base + 3] = 0;
    s[base + 4] = 0;
    s[base + 5] = 0;
    s[base + 6] = 0;
    WireReader reader = new WireReader(buffer, offset, length);
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      switch (tag) {
        case STATE_NAME -> {
          reader.readLengthDelimited();
          checkUtf8(reader.lastOffset(), reader.lastLength());
          s[base] = reader.lastOffset();
          s[base + 1] = reader.lastLength();
        }
        case STATE_VALUE -> {
          reader.readLengthDelimited();
          parseTypedValue(reader.lastOffset(), reader.lastLength(), s, base + 2, base + 6);
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
    int base = 7 * invocationCount;
    if (base + 7 > invocations.length) {
      invocations = Arrays.copyOf(invocations, invocations.length * 2);
    }
    int[] inv = invocations;
    inv[base] = offset;
    inv[base + 1] = length;
    inv[base + 2] = 0;
    inv[base + 3] = 0;
    inv[base + 4] = 0;
    inv[base + 5] = 0;
    inv[base + 6] = 0;
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
          inv[base + 2] = 1;
        }
        case INVOCATION_ARGUMENT -> {
          reader.readLengthDelimited();
          parseTypedValue(reader.lastOffset(), reader.lastLength(), inv, base + 3, -1);
        }
        default -> reader.skipField(tag);
      }
    }
    // An empty caller is no caller (an ingress); a partial one would fail in the function's caller().
    boolean noCaller = caller[0] == 0 && caller[1] == 0;
    if (inv[base + 2] == 1 && !noCaller && (caller[0] == 0 || caller[1] == 0 || caller[2] == 1)) {
      throw new MalformedRequestException("Invocation " + invocationCount + " has an invalid caller address: "
          + (caller[2] == 1 ? "its type name must not contain '/'" : "its namespace and type must both be non-empty"));
    }
    invocationCount++;
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
          out[at] = reader.lastOffset();
          out[at + 1] = reader.lastLength();
        }
        case TYPED_HAS_VALUE -> {
          boolean hasValue = reader.readBool();
          if (hasValueAt >= 0) {
            out[hasValueAt] = hasValue ? 1 : 0;
          }
        }
        case TYPED_VALUE -> {
          reader.readLengthDelimited();
          out[at + 2] = reader.lastOffset();
          out[at + 3] = reader.lastLength();
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
    int base = 7 * index;
    if (invocations[base + 2] == 0) {
      return null;
    }
    String[] parts = {"", "", ""};
    WireReader reader = new WireReader(buffer, invocations[base], invocations[base + 1]);
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

  /** Whether bytes {@code [offset, offset+length)} of the request equal {@code expected}. */
  boolean bytesEqual(int offset, int length, byte[] expected) {
    return length == expected.length
        && Arrays.equals(buffer, offset, offset + length, expected, 0, expected.length);
  }

  String string(int offset, int length) {
    return new String(buffer, offset, length, StandardCharsets.UTF_8);
  }
}
