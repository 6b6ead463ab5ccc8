package dev.statefun.jakarta;

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
 * @param invoker the function, sync or async
 */
public record FunctionSpec(TypeName typeName, List<ValueSpec<?>> valueSpecs, Invoker invoker) {

  /**
   * The function as the handler calls it. Sync and async functions stay apart so that a sync
   * function is called directly, with no stage per invocation.
   */
  public sealed interface Invoker permits Invoker.Sync, Invoker.Async {

    /**
     * A function that completes its work before it returns.
     *
     * @param function the function
     */
    record Sync(RemoteFunction function) implements Invoker {
      public Sync {
        Objects.requireNonNull(function, "function");
      }
    }

    /**
     * A function whose work completes with the stage it returns.
     *
     * @param function the function
     */
    record Async(AsyncRemoteFunction function) implements Invoker {
      public Async {
        Objects.requireNonNull(function, "function");
      }
    }
  }

  public FunctionSpec {
    Objects.requireNonNull(typeName, "A function spec needs a function type");
    Objects.requireNonNull(valueSpecs, "valueSpecs of " + typeName);
    Objects.requireNonNull(invoker, "Function spec " + typeName + " has no function");
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

  /** Collects the parts of a {@link FunctionSpec}. */
  public static final class Builder {
    private final TypeName typeName;
    private final List<ValueSpec<?>> valueSpecs = new ArrayList<>();
    private Invoker invoker;

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
      this.invoker = new Invoker.Sync(function);
      return this;
    }

    public Builder withAsyncFunction(AsyncRemoteFunction function) {
      this.invoker = new Invoker.Async(function);
      return this;
    }

    public FunctionSpec build() {
      return new FunctionSpec(typeName, valueSpecs, invoker);
    }
  }
}
