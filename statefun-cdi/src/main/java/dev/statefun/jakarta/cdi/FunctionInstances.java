package dev.statefun.jakarta.cdi;

import java.util.function.Supplier;

/**
 * How the registry reaches the instances of one function bean: the portable extension through the
 * BeanManager, the build-compatible one through {@code Instance} handles.
 */
sealed interface FunctionInstances {

  /** A normal-scoped bean's client proxy, or a {@code @Singleton}'s instance: one for every call. */
  record Shared(Object reference) implements FunctionInstances {}

  /** A {@code @Dependent} bean: a new instance per invocation, released when it completes. */
  record PerInvocation(Supplier<Lease> create) implements FunctionInstances {}

  /** One dependent instance, and how to destroy it (with its own dependents). */
  record Lease(Object instance, Runnable release) {}
}
