package dev.statefun.jakarta.fuzz;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.fuzz.http.Reference;
import dev.statefun.jakarta.fuzz.http.Script;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.handler.MalformedRequestException;
import dev.statefun.jakarta.handler.FunctionFailedException;
import dev.statefun.jakarta.handler.HandlerBugException;
import dev.statefun.jakarta.handler.RequestFailure;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Feeds the handler random requests: raw bytes (to attack the wire parser) and well-formed batches
 * built from fuzz data (to drive the functions through every storage and messaging path). For
 * every input the handler must answer at once with a reply that protobuf can parse, or fail with a
 * documented {@link RequestFailure}; it must reject what protobuf rejects.
 */
public class HandlerFuzzTest {
  static final ValueSpec<Integer> COUNT = Script.COUNT;
  static final ValueSpec<String> TEXT = Script.TEXT;

  static final RequestReplyHandler HANDLER = FunctionRegistry.builder()
      .register(FunctionSpec.builder("fuzz/ops")
          .withValueSpecs(COUNT, TEXT)
          .withFunction(Script::run) // the argument is a script: each character is one operation
          .build())
      .register(FunctionSpec.builder("fuzz/async")
          .withValueSpec(COUNT)
          .withAsyncFunction((context, message) -> {
            context.storage().set(COUNT, context.storage().get(COUNT).orElse(0) + message.rawValueLength());
            return CompletableFuture.completedFuture(null);
          })
          .build())
      .build()
      .handler();

  // Function failures are expected here by the thousand; logging each would drown the fuzzer.
  // Held in a field: JUL keeps loggers only weakly, and a collected logger forgets its level.
  private static final java.util.logging.Logger HANDLER_LOG = quiet(RequestReplyHandler.class.getName());

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.OFF);
    return logger;
  }

  /** The short run of every build; the long run uses {@link #fuzzerTestOneInput} (see README). */
  @FuzzTest(maxDuration = "20s")
  void handlerNeverMisbehaves(FuzzedDataProvider data) {
    fuzzerTestOneInput(data);
  }

  /** The entry point of Jazzer's command line driver, for long runs. */
  public static void fuzzerTestOneInput(FuzzedDataProvider data) {
    byte[] request = data.consumeBoolean() ? structuredRequest(data) : data.consumeRemainingAsBytes();
    check(request);
  }

  static void check(byte[] request) {
    boolean protobufAccepts;
    try {
      ToFunction.parseFrom(request);
      protobufAccepts = true;
    } catch (InvalidProtocolBufferException e) {
      protobufAccepts = false;
    }
    CompletableFuture<byte[]> reply = HANDLER.handle(request).toCompletableFuture();
    // Every function here is synchronous or already complete: an unfinished reply would be a hang.
    assertTrue(reply.isDone(), "the handler left the reply pending");
    try {
      byte[] bytes = reply.get();
      if (!protobufAccepts) {
        fail("accepted a request that protobuf rejects");
      }
      FromFunction.parseFrom(bytes);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
      assertInstanceOf(RequestFailure.class, cause, "undocumented failure");
      if (cause instanceof MalformedRequestException malformed
          && malformed.getMessage().startsWith("The request is not a valid ToFunction message") && protobufAccepts) {
        fail("rejected as malformed protobuf a request that protobuf accepts: " + malformed.getMessage());
      }
      if (cause instanceof FunctionFailedException failed && !Reference.madeToFail(failed.getCause())) {
        fail("a function failed unexpectedly", failed);
      }
      if (cause instanceof HandlerBugException bug) {
        fail("the handler failed on its own", bug);
      }
    } catch (InterruptedException | InvalidProtocolBufferException e) {
      fail("the reply is not a valid FromFunction message", e);
    }
  }

  /** A well-formed batch whose contents come from the fuzzer. */
  static byte[] structuredRequest(FuzzedDataProvider data) {
    ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder()
        .setTarget(Address.newBuilder().setNamespace("fuzz").setType(data.pickValue(new String[] {"ops", "async", "x"}))
            .setId(data.consumeString(8)));
    int states = data.consumeInt(0, 3);
    for (int i = 0; i < states; i++) {
      String name = data.pickValue(new String[] {"count", "text", "other"});
      TypedValue.Builder value = TypedValue.newBuilder().setHasValue(data.consumeBoolean());
      if (value.getHasValue()) {
        value.setTypename(data.pickValue(new String[] {"io.statefun.types/int", "io.statefun.types/string", "a/b"}))
            .setValue(ByteString.copyFrom(data.consumeBytes(12)));
      }
      batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name).setStateValue(value));
    }
    int invocations = data.consumeInt(0, 5);
    for (int i = 0; i < invocations; i++) {
      ToFunction.Invocation.Builder invocation = ToFunction.Invocation.newBuilder()
          .setArgument(TypedValue.newBuilder()
              .setTypename(data.pickValue(new String[] {"io.statefun.types/string", "io.statefun.types/int", "nope"}))
              .setHasValue(true)
              .setValue(ByteString.copyFrom(data.consumeBytes(24))));
      if (data.consumeBoolean()) {
        invocation.setCaller(Address.newBuilder().setNamespace("fuzz").setType("ops").setId(data.consumeString(6)));
      }
      batch.addInvocations(invocation);
    }
    return ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
  }
}
