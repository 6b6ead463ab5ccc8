package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.Expiration;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.internal.InternalAccess;
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
  /** The offset of a declared state the request does not carry at all: the runtime must register it. */
  private static final int MISSING = -2;
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
        types[i] = InternalAccess.typeNames().canonicalUtf8(specs[i].type().typeName());
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
    } catch (RuntimeException | Error e) {
      // Parsing reports every fault of the request above: anything else is ours, not the caller's.
      HandlerBugException bug = new HandlerBugException(e);
      LOG.log(Level.ERROR, bug.getMessage(), e);
      return CompletableFuture.failedFuture(bug);
    }
  }

  private CompletableFuture<byte[]> dispatch(byte[] requestBytes, int maxInvocations, Observation observation) {
    BatchRequest request = BatchRequest.parse(requestBytes, maxInvocations);
    if (observation != null) {
      observation.batchSize = request.invocationCount;
    }
    if (!request.hasBatch) {
      throw new MalformedRequestException("The request holds no invocation batch (ToFunction.invocation is missing)");
    }
    Map<String, Served> inNamespace = functions.get(request.targetNamespace);
    Served served = inNamespace == null ? null : inNamespace.get(request.targetType);
    if (served == null) {
      TypeName unknown = request.targetTypeName();
      if (observation != null) {
        observation.functionType = unknown;
        observation.address = new Address(unknown, request.targetId);
      }
      throw new UnknownFunctionException(unknown);
    }
    FunctionSpec spec = served.spec();
    Address self = new Address(spec.typeName(), request.targetId);
    if (observation != null) {
      observation.functionType = spec.typeName();
      observation.address = self;
    }
    request.checkArgumentTypeNames(self);

    int declared = served.specs().length;
    int[] offsets = new int[declared];
    int[] lengths = new int[declared];
    boolean anyMissing = false;
    for (int i = 0; i < declared; i++) {
      int found = findState(request, served.stateNamesUtf8()[i]);
      if (found < 0) {
        offsets[i] = MISSING;
        anyMissing = true;
        continue;
      }
      if (!request.stateHasValue(found)) {
        offsets[i] = BatchStorage.NO_VALUE; // registered, but empty
        continue;
      }
      if (!request.stateTypeIs(found, served.typeNamesUtf8()[i])) {
        throw new MalformedRequestException("State '" + served.specs()[i].name() + "' of " + spec.typeName()
            + " arrived with typename '" + request.stateTypeName(found) + "' but the function declares "
            + served.specs()[i].type().typeName() + "; the runtime and the function disagree on the state's type");
      }
      offsets[i] = request.stateValueOffset(found);
      lengths[i] = request.stateValueLength(found);
      if (observation != null) {
        observation.stateBytesRead += lengths[i];
      }
    }
    if (anyMissing) {
      if (observation != null) {
        observation.incompleteContext = true;
      }
      return CompletableFuture.completedFuture(incompleteContext(served, offsets));
    }
    BatchStorage storage = new BatchStorage(spec.typeName(), served.specs(), requestBytes, offsets, lengths);
    Batch batch = new Batch(self, request, storage, spec.invoker());
    if (observation != null) {
      observation.batch = batch;
    }
    return batch.run();
  }

  /** The index of the last state named {@code name} in the request (later occurrences win), or -1. */
  private static int findState(BatchRequest request, byte[] name) {
    for (int j = request.stateCount - 1; j >= 0; j--) {
      if (request.stateNamed(j, name)) {
        return j;
      }
    }
    return -1;
  }

  /** The reply that asks the runtime to register the missing specs; rare, so built with builders. */
  private static byte[] incompleteContext(Served served, int[] offsets) {
    IncompleteInvocationContext.Builder missing = IncompleteInvocationContext.newBuilder();
    for (int i = 0; i < offsets.length; i++) {
      if (offsets[i] == MISSING) {
        ValueSpec<?> spec = served.specs()[i];
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
