package dev.statefun.jakarta;

import dev.statefun.jakarta.handler.HandlerObserver;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The functions an endpoint serves, keyed by function type. Immutable once built; the builder
 * rejects a second function with a type already registered.
 */
public final class FunctionRegistry {
  private final Map<TypeName, FunctionSpec> specs;

  private FunctionRegistry(Map<TypeName, FunctionSpec> specs) {
    this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The spec registered for {@code functionType}, if any. */
  public Optional<FunctionSpec> find(TypeName functionType) {
    return Optional.ofNullable(specs.get(functionType));
  }

  /** Every registered spec, in registration order. */
  public Collection<FunctionSpec> functions() {
    return specs.values();
  }

  /** A handler that serves these functions. Handlers are thread-safe; one is enough. */
  public RequestReplyHandler handler() {
    return RequestReplyHandler.of(this);
  }

  /** A handler that serves these functions and tells {@code observers} about every request. */
  public RequestReplyHandler handler(List<? extends HandlerObserver> observers) {
    return RequestReplyHandler.of(this, observers);
  }

  @Override
  public String toString() {
    return "FunctionRegistry" + specs.keySet();
  }

  /** Collects function specs. */
  public static final class Builder {
    private final Map<TypeName, FunctionSpec> specs = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a function.
     *
     * @throws IllegalArgumentException if a function with the same type is registered already
     */
    public Builder register(FunctionSpec spec) {
      Objects.requireNonNull(spec, "spec");
      if (specs.putIfAbsent(spec.typeName(), spec) != null) {
        throw new IllegalArgumentException(
            "Function type " + spec.typeName() + " is registered twice; each function type must be unique");
      }
      return this;
    }

    public FunctionRegistry build() {
      return new FunctionRegistry(specs);
    }
  }
}
