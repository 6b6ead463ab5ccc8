package dev.statefun.jakarta.embedded.fns;

import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.concurrent.CompletableFuture;

/**
 * Tells a test when a server has begun to drain: {@link DrainWatched} on the registry's
 * {@code drain()}, which the server's {@code close()} calls once it answers new requests 503, and
 * {@link DrainInterceptor} completing the future of {@link #next()} after it.
 */
public final class DrainSignal implements Extension {
  private static CompletableFuture<Void> next = new CompletableFuture<>();

  /** Completes when a registry next drains; call it before {@code close()}. */
  public static synchronized CompletableFuture<Void> next() {
    next = new CompletableFuture<>();
    return next;
  }

  static synchronized void drained() {
    next.complete(null);
  }

  void watch(@Observes ProcessAnnotatedType<StatefulFunctionRegistry> type) {
    type.configureAnnotatedType().filterMethods(method -> method.getJavaMember().getName().equals("drain"))
        .forEach(method -> method.add(DrainWatched.Literal.INSTANCE));
  }
}
