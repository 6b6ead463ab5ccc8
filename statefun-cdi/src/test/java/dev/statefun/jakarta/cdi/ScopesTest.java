package dev.statefun.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.cdi.sample.ApplicationScopedFunction;
import dev.statefun.jakarta.cdi.sample.BrokenDependentFunction;
import dev.statefun.jakarta.cdi.sample.DependentAsyncFunction;
import dev.statefun.jakarta.cdi.sample.DependentFunction;
import dev.statefun.jakarta.cdi.sample.DependentPart;
import dev.statefun.jakarta.cdi.sample.Greeter;
import dev.statefun.jakarta.cdi.sample.GreetingFormatter;
import dev.statefun.jakarta.cdi.sample.Lifecycle;
import dev.statefun.jakarta.cdi.sample.RequestScopedFunction;
import dev.statefun.jakarta.cdi.sample.ScopedFunction;
import dev.statefun.jakarta.cdi.sample.SingletonFunction;
import dev.statefun.jakarta.handler.FunctionFailedException;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.testkit.Requests;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each function bean's declared scope decides which instance serves an invocation, and when it dies. */
@ExtendWith(ArquillianExtension.class)
class ScopesTest {

  @Deployment
  static JavaArchive deployment() {
    return Deployments.all(Lifecycle.class, ScopedFunction.class, ApplicationScopedFunction.class,
        DependentFunction.class, DependentPart.class, DependentAsyncFunction.class, SingletonFunction.class,
        RequestScopedFunction.class, BrokenDependentFunction.class, Greeter.class, GreetingFormatter.class);
  }

  @Inject RequestReplyHandler handler;
  @Inject StatefulFunctionRegistry registry;
  @Inject Lifecycle lifecycle;
  @Inject RequestContextController requestContextController;

  @Test
  void descriptorsCarryTheDeclaredScopes() {
    lifecycle.reset();
    assertEquals(jakarta.enterprise.context.ApplicationScoped.class, scopeOf("scopes/application"));
    assertEquals(Dependent.class, scopeOf("scopes/dependent"));
    assertEquals(Dependent.class, scopeOf("scopes/dependent-async"));
    assertEquals(Singleton.class, scopeOf("scopes/singleton"));
    assertEquals(RequestScoped.class, scopeOf("scopes/request"));
  }

  @Test
  void applicationScopedIsOneInstanceForEveryInvocationAndIsNotDestroyed() {
    lifecycle.reset();
    List<String> first = served("scopes/application", "a", "b");
    List<String> second = served("scopes/application", "c");

    assertEquals(1, first.stream().distinct().count(), first::toString);
    assertEquals(first.get(0), second.get(0));
    assertTrue(lifecycle.events("application").stream().noneMatch(e -> e.endsWith("destroyed")));
  }

  @Test
  void singletonIsOneInstanceForEveryInvocation() {
    lifecycle.reset();
    List<String> names = served("scopes/singleton", "a", "b");
    names = concat(names, served("scopes/singleton", "c"));

    assertEquals(1, names.stream().distinct().count(), names::toString);
    assertTrue(lifecycle.events("singleton").stream().noneMatch(e -> e.endsWith("destroyed")));
  }

  @Test
  void dependentIsANewInstancePerInvocationDestroyedWhenTheInvocationReturns() {
    lifecycle.reset();
    List<String> names = served("scopes/dependent", "a", "b", "c");

    assertEquals(3, names.stream().distinct().count(), names::toString);
    // Each instance is created, invoked and destroyed before the next invocation of the batch starts.
    List<String> expected = names.stream()
        .flatMap(name -> List.of(name + " created", name + " invoked", name + " destroyed").stream()).toList();
    assertEquals(expected, lifecycle.events("dependent"));
    assertAllDestroyedOnce("part", 3);
  }

  @Test
  void dependentInstanceIsDestroyedWhenItsInvocationThrows() {
    lifecycle.reset();
    FunctionFailedException failure = assertThrows(FunctionFailedException.class,
        () -> Requests.to("scopes/dependent", "x").invoke("fail").call(handler));
    assertTrue(failure.getMessage().contains("was asked to fail"), failure.getMessage());

    assertAllDestroyedOnce("dependent", 1);
    assertAllDestroyedOnce("part", 1);
  }

  @Test
  void whatADependentFunctionsFailedCreationMadeIsDestroyed() {
    lifecycle.reset();
    FunctionFailedException failure = assertThrows(FunctionFailedException.class,
        () -> Requests.to("scopes/dependent-broken", "x").invoke("a").call(handler));
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertEquals("cannot start", root.getMessage());

    assertAllDestroyedOnce("part", 1);
  }

  @Test
  void dependentAsyncInstanceLivesUntilItsStageCompletes() throws Exception {
    lifecycle.reset();
    CompletableFuture<Void> gate = lifecycle.closeGate();
    CompletionStage<byte[]> reply = handler.handle(Requests.to("scopes/dependent-async", "x").invoke("a").invoke("b")
        .bytes());

    // The first invocation waits for the gate: its instance is alive, the second is not created yet.
    assertFalse(reply.toCompletableFuture().isDone());
    List<String> pending = lifecycle.events("async");
    assertEquals(2, pending.size(), pending::toString);
    assertTrue(pending.get(0).endsWith("created") && pending.get(1).endsWith("invoked"), pending::toString);

    gate.complete(null);
    FromFunction decoded = Requests.decode(reply.toCompletableFuture().get(10, TimeUnit.SECONDS));
    List<String> names = Requests.sentStrings(decoded);
    assertEquals(2, names.stream().distinct().count(), names::toString);
    List<String> expected = names.stream()
        .flatMap(name -> List.of(name + " created", name + " invoked", name + " destroyed").stream()).toList();
    assertEquals(expected, lifecycle.events("async"));
    assertAllDestroyedOnce("part", 2);
  }

  @Test
  void dependentAsyncInstanceIsDestroyedWhenItThrowsBeforeReturningAStage() {
    lifecycle.reset();
    FunctionFailedException failure = assertThrows(FunctionFailedException.class,
        () -> Requests.to("scopes/dependent-async", "x").invoke("throw").call(handler));
    assertTrue(failure.getMessage().contains("threw"), failure.getMessage());

    assertAllDestroyedOnce("async", 1);
    assertAllDestroyedOnce("part", 1);
  }

  @Test
  void dependentAsyncInstanceIsDestroyedWhenItsStageFails() {
    lifecycle.reset();
    FunctionFailedException failure = assertThrows(FunctionFailedException.class,
        () -> Requests.to("scopes/dependent-async", "x").invoke("fail").call(handler));
    assertTrue(failure.getMessage().contains("failed its stage"), failure.getMessage());

    assertAllDestroyedOnce("async", 1);
    assertAllDestroyedOnce("part", 1);
  }

  @Test
  void dependentAsyncInstanceIsDestroyedWhenItsStageFailsLater() throws Exception {
    lifecycle.reset();
    CompletableFuture<Void> gate = lifecycle.closeGate();
    CompletionStage<byte[]> reply = handler.handle(Requests.to("scopes/dependent-async", "x").invoke("a").bytes());
    assertTrue(lifecycle.events("async").stream().noneMatch(e -> e.endsWith("destroyed")));

    gate.completeExceptionally(new IllegalStateException("the remote call failed"));
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> reply.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertInstanceOf(FunctionFailedException.class, failure.getCause());

    assertAllDestroyedOnce("async", 1);
    assertAllDestroyedOnce("part", 1);
  }

  @Test
  void requestScopedIsTheInstanceOfTheActiveRequest() throws Exception {
    lifecycle.reset();
    // Arquillian runs each test inside a request: both batches see the same instance.
    List<String> inThisRequest = concat(served("scopes/request", "a"), served("scopes/request", "b"));
    assertEquals(1, inThisRequest.stream().distinct().count(), inThisRequest::toString);

    // Another thread with its own request gets another instance, destroyed with that request.
    String inOtherRequest = CompletableFuture.supplyAsync(() -> {
      requestContextController.activate();
      try {
        return served("scopes/request", "c").get(0);
      } finally {
        requestContextController.deactivate();
      }
    }).get(10, TimeUnit.SECONDS);
    assertNotEquals(inThisRequest.get(0), inOtherRequest);
    assertTrue(lifecycle.events("request").contains(inOtherRequest + " destroyed"), () -> lifecycle.events().toString());
  }

  @Test
  void requestScopedFunctionFailsClearlyWithoutAnActiveRequest() {
    lifecycle.reset();
    CompletionException failure = assertThrows(CompletionException.class,
        () -> CompletableFuture.runAsync(() -> served("scopes/request", "a")).join());
    FunctionFailedException functionFailed = assertInstanceOf(FunctionFailedException.class, failure.getCause());
    assertInstanceOf(ContextNotActiveException.class, functionFailed.getCause());
  }

  private List<String> served(String type, String... arguments) {
    Requests batch = Requests.to(type, "id");
    for (String argument : arguments) {
      batch.invoke(argument);
    }
    return Requests.sentStrings(batch.call(handler));
  }

  private void assertAllDestroyedOnce(String kind, int instances) {
    List<String> events = lifecycle.events(kind);
    List<String> created = events.stream().filter(e -> e.endsWith(" created"))
        .map(e -> e.substring(0, e.indexOf(' '))).toList();
    List<String> destroyed = events.stream().filter(e -> e.endsWith(" destroyed"))
        .map(e -> e.substring(0, e.indexOf(' '))).toList();
    assertEquals(instances, created.size(), events::toString);
    assertEquals(created, destroyed, events::toString);
  }

  private Class<?> scopeOf(String type) {
    return registry.functions().stream().filter(f -> f.typeName().canonical().equals(type)).findFirst()
        .orElseThrow().scope();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
