package dev.statefun.jakarta.fuzz.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Request bodies built from fuzz data. */
public final class Requests {
  static final String NAMESPACE = "fuzz.http";
  private static final String STRING = "io.statefun.types/string";
  private static final String INT = "io.statefun.types/int";

  private Requests() {}

  /**
   * A well-formed batch for one of the served functions (or an unknown one), with state and
   * arguments from the fuzzer; most arguments are valid strings, i.e. scripts the functions run.
   */
  public static byte[] structured(FuzzedDataProvider data) {
    ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder()
        .setTarget(Address.newBuilder().setNamespace(NAMESPACE)
            .setType(data.pickValue(new String[] {"ops", "ops", "async", "nope"})).setId(data.consumeString(8)));
    int states = data.consumeInt(0, 3);
    for (int i = 0; i < states; i++) {
      String name = data.pickValue(new String[] {"count", "text", "other"});
      TypedValue.Builder value = TypedValue.newBuilder().setHasValue(data.consumeBoolean());
      if (value.getHasValue()) {
        int kind = data.consumeInt(0, 3);
        value.setTypename(switch (kind) {
          case 0 -> INT;
          case 1 -> STRING;
          default -> data.pickValue(new String[] {INT, STRING, "a/b"});
        });
        value.setValue(switch (kind) {
          case 0 -> ByteString.copyFrom(intWrapper(data.consumeInt()));
          case 1 -> ByteString.copyFrom(stringWrapper(data.consumeString(16)));
          default -> ByteString.copyFrom(data.consumeBytes(12));
        });
      }
      batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name).setStateValue(value));
    }
    int invocations = data.consumeInt(0, 5);
    for (int i = 0; i < invocations; i++) {
      TypedValue.Builder argument = TypedValue.newBuilder().setHasValue(true);
      if (data.consumeInt(0, 7) > 0) {
        argument.setTypename(STRING).setValue(ByteString.copyFrom(stringWrapper(data.consumeString(24))));
      } else {
        argument.setTypename(data.pickValue(new String[] {STRING, INT, "nope"}))
            .setValue(ByteString.copyFrom(data.consumeBytes(24)));
      }
      ToFunction.Invocation.Builder invocation = ToFunction.Invocation.newBuilder().setArgument(argument);
      if (data.consumeBoolean()) {
        invocation.setCaller(Address.newBuilder().setNamespace(NAMESPACE).setType("ops").setId(data.consumeString(6)));
      }
      batch.addInvocations(invocation);
    }
    return ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
  }

  /**
   * The body followed by an unknown field (number 15) of zeros, so that the whole is exactly
   * {@code total} bytes; protobuf skips the field, so a valid request stays valid. Bodies already
   * that long are returned as they are.
   */
  public static byte[] padTo(byte[] body, int total) {
    for (int payload = Math.max(0, total - body.length - 6); payload <= total; payload++) {
      int size = body.length + 1 + CodedOutputStream.computeUInt32SizeNoTag(payload) + payload;
      if (size == total) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(total);
        out.writeBytes(body);
        out.write((15 << 3) | 2);
        writeVarint(out, payload);
        out.writeBytes(new byte[payload]);
        return out.toByteArray();
      }
      if (size > total) {
        break;
      }
    }
    return body;
  }

  static byte[] stringWrapper(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (utf8.length == 0) {
      return utf8;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length + 6);
    out.write(0x0A);
    writeVarint(out, utf8.length);
    out.writeBytes(utf8);
    return out.toByteArray();
  }

  static byte[] intWrapper(int value) {
    if (value == 0) {
      return new byte[0];
    }
    return new byte[] {0x0D, (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    try {
      CodedOutputStream coded = CodedOutputStream.newInstance(out, 8);
      coded.writeUInt32NoTag(value);
      coded.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
