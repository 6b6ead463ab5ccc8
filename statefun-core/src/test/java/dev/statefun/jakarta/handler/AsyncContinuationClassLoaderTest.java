package dev.statefun.jakarta.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An async function's stage that completes on a foreign thread (another context class loader, as on
 * the JDK's common pool): the batch's next invocation and the observers run with the class loader of
 * the thread the request arrived on, as application servers need to find the application's
 * contextual references (GlassFish's Weld looks its container up by it), and the foreign thread gets
 * its own class loader back.
 */
class AsyncContinuationClassLoaderTest {
  static final TypeName FN = TypeName.parse("test.fns/async");

  @Test
  void continuationsRunWithTheRequestThreadsClassLoader() throws Exception {
    ClassLoader application = new URLClassLoader("application", new URL[0], getClass().getClassLoader());
    ClassLoader foreign = new URLClassLoader("foreign", new URL[0], getClass().getClassLoader());
    ExecutorService pool = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "foreign-pool");
      thread.setContextClassLoader(foreign);
      return thread;
    });
    // The first stage completes on the pool once the request thread has returned: never on the request thread.
    CompletableFuture<Void> gate = new CompletableFuture<>();
    List<String> invokedWith = new CopyOnWriteArrayList<>();
    List<String> observedWith = new CopyOnWriteArrayList<>();
    RequestReplyHandler handler = FunctionRegistry.builder()
        .register(FunctionSpec.builder(FN).withAsyncFunction((context, message) -> {
          invokedWith.add(message.asString() + " on " + Thread.currentThread().getName() + " with "
              + Thread.currentThread().getContextClassLoader().getName());
          return invokedWith.size() == 1 ? gate.thenRunAsync(() -> { }, pool) : CompletableFuture.completedFuture(null);
        }).build())
        .build()
        .handler(List.of(observation -> observedWith.add(Thread.currentThread().getName() + " with "
            + Thread.currentThread().getContextClassLoader().getName())));

    Thread requestThread = Thread.currentThread();
    ClassLoader before = requestThread.getContextClassLoader();
    CompletableFuture<byte[]> reply;
    requestThread.setContextClassLoader(application);
    try {
      reply = handler.handle(Requests.to("test.fns", "async", "a").invoke(Types.STRING, "first")
          .invoke(Types.STRING, "second").bytes()).toCompletableFuture();
    } finally {
      requestThread.setContextClassLoader(before);
    }
    gate.complete(null);
    FromFunction parsed = FromFunction.parseFrom(reply.get(30, TimeUnit.SECONDS));
    assertEquals(FromFunction.ResponseCase.INVOCATION_RESULT, parsed.getResponseCase());

    String self = requestThread.getName();
    assertEquals(List.of("first on " + self + " with application", "second on foreign-pool with application"),
        invokedWith, "the second invocation runs where the first stage completed, with the request's class loader");
    assertEquals(List.of("foreign-pool with application"), observedWith);
    // The foreign thread has its own class loader back.
    assertSame(foreign, CompletableFuture.supplyAsync(() -> Thread.currentThread().getContextClassLoader(), pool)
        .get(30, TimeUnit.SECONDS));
    pool.shutdownNow();
  }
}
