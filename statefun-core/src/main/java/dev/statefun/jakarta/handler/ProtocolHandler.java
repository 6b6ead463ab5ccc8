package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.Expiration;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.internal.WireReader.WireFormatException;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.FromFunction.ExpirationSpec;
import dev.statefun.jakarta.internal.protocol.FromFunction.IncompleteInvocationContext;
import dev.statefun.jakarta.internal.protocol.FromFunction.PersistedValueSpec;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The one place where requests become replies; see {@link RequestReplyHandler}. */
final class ProtocolHandler implements RequestReplyHandler {
  private static final System.Logger LOG = System.getLogger(RequestReplyHandler.class.getName());
  // namespace -> name -> function: looked up with the request's strings, no TypeName per request.
  private final Map<String, Map<String, Served>> functions = new HashMap<>();
  // Null when nobody listens: the unobserved path then takes no time stamp and allocates nothing extra.
  private final List<HandlerObserver> observers;

  /** A function with what the handler precomputes for it. */
  private record Served(FunctionSpec spec, ValueSpec<?>[] specs, byte[][] stateNamesUtf8, byte[][] typeNamesUtf8) {}

  ProtocolHandler(FunctionRegistry registry, List<? extends HandlerObserver> observers) {
    Objects.requireNonNull(registry, "registry");
    this.observers = observers.isEmpty() ? null : List.copyOf(observers);
    for (FunctionSpec spec : registry.functions()) {
      ValueSpec<?>[] specs = spec.valueSpecs().toArray(new ValueSpec<?>[0]);
      byte[][] names = new byte[specs.length][];
      byte[][] types = new byte[specs.length][];
      for (int i = 0; i < specs.length; i++) {
        names[i] = specs[i].name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        types[i] = TypeNameUtf8.of(specs[i].type().typeName()).canonical();
      }
      functions.computeIfAbsent(spec.typeName().namespace(), ns -> new HashMap<>())
          .put(spec.typeName().name(), new Served(spec, specs, names, types));
    }
  }

  @Override
  public CompletionStage<byte[]> handle(byte[] requestBytes, int maxInvocations) {
    Objects.requireNonNull(requestBytes, "request");
    if (maxInvocations < 1 || maxInvocations > MAX_INVOCATIONS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "maxInvocations must be between 1 and " + MAX_INVOCATIONS_PER_REQUEST + ", not " + maxInvocations);
    }
    if (observers != null) {
      Observation observation = new Observation();
      return observation.report(handle(requestBytes, maxInvocations, observation), observers);
    }
    return handle(requestBytes, maxInvocations, null);
  }

  /** Handles a request, noting what it did in {@code observation} unless that is null. */
  private CompletableFuture<byte[]> handle(byte[] requestBytes, int maxInvocations, Observation observation) {
    try {
      return dispatch(requestBytes, maxInvocations, observation);
    } catch (RequestFailure failure) {
      return CompletableFuture.failedFuture(failure);
    } catch (WireFormatException e) {
      return CompletableFuture.failedFuture(
          new MalformedRequestException("The request is not a valid ToFunction message: " + e.getMessage(), e));
    } catch (OutOfMemoryError e) {
      // Not a bug, and not the caller's fault: the transport answers it (503: the runtime retries).
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException | Error e) {
      // Parsing reports every fault of the request above: anything else is ours, not the caller's.
      HandlerBugException bug = new HandlerBugException(e);
      LOG.log(Level.ERROR, bug.getMessage(), e);
      return CompletableFuture.failedFuture(bug);
    }
  }

  /**
   * Parses, finds the function, resolves its state and runs the batch; {@code observation}, if any,
   * is handed what was built once, however far the request got.
   */
  private CompletableFuture<byte[]> dispatch(byte[] requestBytes, int maxInvocations, Observation observation) {
    BatchRequest request = null;
    Address self = null;
    BatchStorage storage = null;
    Batch batch = null;
    try {
      request = BatchRequest.parse(requestBytes, maxInvocations);
      if (!request.hasBatch) {
        throw new MalformedRequestException("The request holds no invocation batch (ToFunction.invocation is missing)");
      }
      Served served = served(request);
      FunctionSpec spec = served.spec();
      self = new Address(spec.typeName(), request.targetId);
      request.checkArgumentTypeNames(self);
      storage = BatchStorage.resolve(spec.typeName(), served.specs(), served.stateNamesUtf8(), served.typeNamesUtf8(),
          request);
      if (storage.anyMissing()) {
        return CompletableFuture.completedFuture(incompleteContext(storage));
      }
      batch = new Batch(self, request, storage, spec.invoker());
      return batch.run();
    } finally {
      if (observation != null) {
        observation.dispatched(request, self, storage, batch);
      }
    }
  }

  /** The function the request targets; throws {@link UnknownFunctionException} if none is served. */
  private Served served(BatchRequest request) {
    Map<String, Served> inNamespace = functions.get(request.targetNamespace);
    Served served = inNamespace == null ? null : inNamespace.get(request.targetType);
    if (served == null) {
      throw new UnknownFunctionException(request.targetTypeName());
    }
    return served;
  }

  /** The reply that asks the runtime to register the missing specs; rare, so built with builders. */
  private static byte[] incompleteContext(BatchStorage storage) {
    IncompleteInvocationContext.Builder missing = IncompleteInvocationContext.newBuilder();
    for (int i = 0; i < storage.size(); i++) {
      if (storage.isMissing(i)) {
        ValueSpec<?> spec = storage.spec(i);
        missing.addMissingValues(PersistedValueSpec.newBuilder()
            .setStateName(spec.name())
            .setTypeTypename(spec.type().typeName().canonical())
            .setExpirationSpec(expirationSpec(spec.expiration())));
      }
    }
    return FromFunction.newBuilder().setIncompleteInvocationContext(missing).build().toByteArray();
  }

  private static ExpirationSpec expirationSpec(Expiration expiration) {
    ExpirationSpec.ExpireMode mode = switch (expiration.mode()) {
      case NONE -> ExpirationSpec.ExpireMode.NONE;
      case AFTER_WRITE -> ExpirationSpec.ExpireMode.AFTER_WRITE;
      case AFTER_CALL -> ExpirationSpec.ExpireMode.AFTER_INVOKE;
    };
    return ExpirationSpec.newBuilder().setMode(mode).setExpireAfterMillis(expiration.duration().toMillis()).build();
  }
}
