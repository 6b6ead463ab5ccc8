package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.FunctionSpec.Invoker;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.internal.InternalAccess;
import dev.statefun.jakarta.message.Message;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs the invocations of one batch strictly in order against one storage, then writes the reply.
 * An async invocation that is not complete yet suspends the loop; its completion resumes it, so no
 * thread waits and already-complete stages never nest (no stack growth for long batches). The
 * resumed loop runs on the thread that completed the stage, with the request thread's context
 * class loader ({@link RequestClassLoader}).
 */
final class Batch {
  private static final System.Logger LOG = System.getLogger(RequestReplyHandler.class.getName());

  final Address self;
  final BatchRequest request;
  final BatchStorage storage;
  final Effects effects = new Effects();
  // Exactly one of the two is set, from the spec's invoker.
  private final RemoteFunction syncFunction;
  private final AsyncRemoteFunction asyncFunction;
  private final CompletableFuture<byte[]> reply = new CompletableFuture<>();
  // The request thread's: a batch resumed on the thread that completed a stage runs with it.
  private final ClassLoader requestLoader = Thread.currentThread().getContextClassLoader();
  // The position of the invocation that failed, or -1; read by an Observation.
  int failedAt = -1;

  Batch(Address self, BatchRequest request, BatchStorage storage, Invoker invoker) {
    this.self = self;
    this.request = request;
    this.storage = storage;
    this.syncFunction = invoker instanceof Invoker.Sync sync ? sync.function() : null;
    this.asyncFunction = invoker instanceof Invoker.Async async ? async.function() : null;
  }

  CompletableFuture<byte[]> run() {
    runFrom(0);
    return reply;
  }

  private void runFrom(int first) {
    int count = request.invocationCount;
    for (int i = first; i < count; i++) {
      // Every argument typename was checked before the first invocation: nothing here can fail.
      Message message = InternalAccess.messages().wrap(self, request.argumentType(i), request.buffer,
          request.argumentOffset(i), request.argumentLength(i));
      InvocationContext context = new InvocationContext(this, i);
      CompletionStage<Void> stage;
      try {
        if (syncFunction != null) {
          syncFunction.invoke(context, message);
          context.close();
          continue;
        }
        stage = asyncFunction.invoke(context, message);
        if (stage == null) {
          throw new NullPointerException("the async function returned a null CompletionStage");
        }
      } catch (Throwable failure) {
        context.close();
        failedAt = i;
        fail(failure);
        return;
      }
      CompletableFuture<Void> future = toFuture(stage);
      if (future.isDone() && !future.isCompletedExceptionally()) {
        context.close();
        continue;
      }
      int next = i + 1;
      future.whenComplete((ignored, failure) -> RequestClassLoader.run(requestLoader, () -> {
        context.close();
        if (failure != null) {
          failedAt = next - 1;
          fail(failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
              ? failure.getCause() : failure);
        } else {
          runFrom(next);
        }
      }));
      return;
    }
    finish();
  }

  private static CompletableFuture<Void> toFuture(CompletionStage<Void> stage) {
    try {
      return stage.toCompletableFuture();
    } catch (UnsupportedOperationException notSupported) {
      CompletableFuture<Void> future = new CompletableFuture<>();
      stage.whenComplete((v, e) -> {
        if (e != null) {
          future.completeExceptionally(e);
        } else {
          future.complete(v);
        }
      });
      return future;
    }
  }

  private void finish() {
    byte[] bytes;
    try {
      bytes = ReplyWriter.write(storage, effects);
    } catch (OutOfMemoryError e) {
      // No room for the reply now: not a bug; the transport answers 503 and the runtime retries.
      reply.completeExceptionally(e);
      return;
    } catch (java.io.IOException | RuntimeException | Error e) {
      // Values were encoded when set and effects when built: what fails here is ours.
      HandlerBugException bug = new HandlerBugException(e);
      LOG.log(Level.ERROR, bug.getMessage(), e);
      reply.completeExceptionally(bug);
      return;
    }
    reply.complete(bytes);
  }

  /** The function threw, or its stage failed. */
  private void fail(Throwable failure) {
    FunctionFailedException failed = new FunctionFailedException(self, failure);
    LOG.log(Level.WARNING, failed.getMessage(), failure);
    reply.completeExceptionally(failed);
  }
}
