package dev.statefun.jakarta.fuzz.http;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.handler.FunctionFailedException;
import dev.statefun.jakarta.handler.HandlerBugException;
import dev.statefun.jakarta.handler.RequestFailure;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import java.util.Comparator;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The oracle: the same functions on an in-process handler. A complete body POSTed to the endpoint
 * as {@code application/octet-stream} must get the status this handler's outcome maps to, and for
 * a 200 the same reply.
 */
public final class Reference {
  private static final RequestReplyHandler HANDLER = FunctionRegistry.builder()
      .register(FunctionSpec.builder(Requests.NAMESPACE + "/ops").withValueSpecs(Script.COUNT, Script.TEXT)
          .withFunction(new OpsFunction()).build())
      .register(FunctionSpec.builder(Requests.NAMESPACE + "/async").withValueSpecs(Script.COUNT, Script.TEXT)
          .withAsyncFunction(new AsyncOpsFunction()).build())
      .build()
      .handler();

  private Reference() {}

  /** What the endpoint must answer. */
  public record Outcome(int status, FromFunction reply) {
    static Outcome error(int status) {
      return new Outcome(status, null);
    }
  }

  /**
   * The outcome for a complete body under a body limit of {@code maxBody} bytes.
   *
   * @throws AssertionError if a function failed although the request did not make it fail
   */
  public static Outcome of(byte[] body, long maxBody) {
    if (body.length == 0) {
      return Outcome.error(400);
    }
    if (body.length > maxBody) {
      return Outcome.error(413);
    }
    try {
      return new Outcome(200, normalized(HANDLER.handle(body).toCompletableFuture().get(10, TimeUnit.SECONDS)));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
      if (cause instanceof FunctionFailedException failed) {
        if (madeToFail(failed.getCause())) {
          return Outcome.error(500);
        }
      } else if (cause instanceof RequestFailure failure && !(failure instanceof HandlerBugException)) {
        return Outcome.error(failure.httpStatus()); // the caller's fault: 400, 404 or 413
      }
      throw new AssertionError("The in-process handler failed unexpectedly", cause);
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("The in-process handler did not reply", e);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("The in-process handler's reply does not parse", e);
    }
  }

  /**
   * Whether a function failed because the request made it fail, and only then: the script asked
   * to ({@link Script.ScriptFailure}), or the function read an argument or a state value whose bytes
   * do not decode as their primitive type (the fuzzer sends such), which the SDK reports as an
   * {@link IllegalArgumentException} naming the type, caused by protobuf's parse error. Any other
   * failure, an {@code IllegalStateException} or another {@code IllegalArgumentException} among
   * them, is a bug.
   */
  public static boolean madeToFail(Throwable failure) {
    Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
    return cause instanceof Script.ScriptFailure
        || cause instanceof IllegalArgumentException undecodable
            && undecodable.getMessage() != null
            && undecodable.getMessage().startsWith("Bytes are not a valid io.statefun.types/")
            && undecodable.getCause() instanceof InvalidProtocolBufferException;
  }

  /** The reply with the order-free parts sorted (missing values), for comparing replies. */
  public static FromFunction normalized(byte[] reply) throws InvalidProtocolBufferException {
    FromFunction parsed = FromFunction.parseFrom(reply);
    if (!parsed.hasIncompleteInvocationContext()) {
      return parsed;
    }
    FromFunction.IncompleteInvocationContext.Builder context = parsed.getIncompleteInvocationContext().toBuilder();
    var missing = context.getMissingValuesList().stream()
        .sorted(Comparator.comparing(FromFunction.PersistedValueSpec::getStateName)).toList();
    context.clearMissingValues().addAllMissingValues(missing);
    return parsed.toBuilder().setIncompleteInvocationContext(context).build();
  }
}
