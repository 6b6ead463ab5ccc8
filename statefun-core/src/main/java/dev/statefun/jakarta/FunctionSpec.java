package dev.statefun.jakarta;

import dev.statefun.jakarta.internal.SyncFunctionAdapter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A function type, the values it stores, and the function itself. Built with {@link #builder} and
 * validated when built: a duplicate state name or a missing function is an error here, not at run
 * time.
 *
 * @param typeName the function type the runtime addresses
 * @param valueSpecs the declared state, in declaration order
 * @param function the function; a sync {@link RemoteFunction} is adapted to this form
 */
public record FunctionSpec(TypeName typeName, List<ValueSpec<?>> valueSpecs, AsyncRemoteFunction function) {

  public FunctionSpec {
    Objects.requireNonNull(typeName, "A function spec needs a function type");
    Objects.requireNonNull(valueSpecs, "valueSpecs of " + typeName);
    Objects.requireNonNull(function, "Function spec " + typeName + " has no function");
    valueSpecs = List.copyOf(valueSpecs);
    Set<String> names = new HashSet<>();
    for (ValueSpec<?> spec : valueSpecs) {
      if (!names.add(spec.name())) {
        throw new IllegalArgumentException(
            "Function " + typeName + " declares the state '" + spec.name() + "' twice; state names must be"
                + " unique within a function");
      }
    }
  }

  public static Builder builder(TypeName typeName) {
    return new Builder(Objects.requireNonNull(typeName, "typeName"));
  }

  public static Builder builder(String typeName) {
    return builder(TypeName.parse(typeName));
  }

  /** Adapts a sync function; what it throws becomes a failed stage. */
  static AsyncRemoteFunction adapt(RemoteFunction function) {
    return new SyncFunctionAdapter(function);
  }

  /** Collects the parts of a {@link FunctionSpec}. */
  public static final class Builder {
    private final TypeName typeName;
    private final List<ValueSpec<?>> valueSpecs = new ArrayList<>();
    private AsyncRemoteFunction function;

    private Builder(TypeName typeName) {
      this.typeName = typeName;
    }

    public Builder withValueSpec(ValueSpec<?> spec) {
      valueSpecs.add(Objects.requireNonNull(spec, "value spec of " + typeName));
      return this;
    }

    public Builder withValueSpecs(ValueSpec<?>... specs) {
      for (ValueSpec<?> spec : specs) {
        withValueSpec(spec);
      }
      return this;
    }

    public Builder withValueSpecs(List<? extends ValueSpec<?>> specs) {
      specs.forEach(this::withValueSpec);
      return this;
    }

    public Builder withFunction(RemoteFunction function) {
      this.function = adapt(function);
      return this;
    }

    public Builder withAsyncFunction(AsyncRemoteFunction function) {
      this.function = Objects.requireNonNull(function, "function");
      return this;
    }

    public FunctionSpec build() {
      return new FunctionSpec(typeName, valueSpecs, function);
    }
  }
}
