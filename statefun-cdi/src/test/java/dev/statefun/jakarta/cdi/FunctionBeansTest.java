package dev.statefun.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.sample.Greeter;
import dev.statefun.jakarta.cdi.sample.GreetingFormatter;
import dev.statefun.jakarta.cdi.sample.Shouter;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.handler.UnknownFunctionException;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.FromFunction.ExpirationSpec.ExpireMode;
import dev.statefun.jakarta.internal.protocol.FromFunction.PersistedValueMutation.MutationType;
import dev.statefun.jakarta.internal.protocol.FromFunction.PersistedValueSpec;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Discovery, the registry and its products, and invoking injected function beans through the handler. */
@ExtendWith(ArquillianExtension.class)
class FunctionBeansTest {

  @Deployment
  static JavaArchive deployment() {
    // The CDI module's own classes are copied in too: the registry must still be one bean.
    return Deployments.all(Greeter.class, GreetingFormatter.class, Shouter.class)
        .addClasses(StatefulFunctionRegistry.class, StatefulFunctionExtension.class, FunctionDescriptor.class);
  }

  @Inject StatefulFunctionRegistry registry;
  @Inject RequestReplyHandler handler;
  @Inject FunctionRegistry functionRegistry;
  @Inject BeanManager beanManager;

  @Test
  void registryListsEveryFunctionWithItsState() {
    List<FunctionDescriptor> functions = registry.functions();
    // Sorted by function type, whatever the discovery order.
    assertEquals(List.of(TypeName.parse("com.example.fns/greeter"), TypeName.parse("com.example.fns/shouter")),
        functions.stream().map(FunctionDescriptor::typeName).toList());

    FunctionDescriptor greeter = find(functions, "com.example.fns/greeter");
    assertEquals(Greeter.class, greeter.beanClass());
    assertEquals(ApplicationScoped.class, greeter.scope());
    assertFalse(greeter.async());
    assertEquals(List.of("seen", "last_greeting"), greeter.valueSpecs().stream().map(ValueSpec::name).toList());
    assertEquals(Types.INT, greeter.valueSpecs().get(0).type());
    assertEquals(Duration.ofMinutes(5), greeter.valueSpecs().get(1).expiration().duration());

    FunctionDescriptor shouter = find(functions, "com.example.fns/shouter");
    assertEquals(Shouter.class, shouter.beanClass());
    assertTrue(shouter.async());
    assertEquals(List.of(), shouter.valueSpecs());
  }

  @Test
  void registryIsOneApplicationScopedBeanAndProducesTheHandlerAndTheCoreRegistry() {
    assertEquals(1, beanManager.getBeans(StatefulFunctionRegistry.class).size());
    assertEquals(ApplicationScoped.class,
        beanManager.resolve(beanManager.getBeans(StatefulFunctionRegistry.class)).getScope());
    assertSame(registry.handler(), handler);
    assertSame(registry.registry(), functionRegistry);
    assertEquals(List.of(TypeName.parse("com.example.fns/greeter"), TypeName.parse("com.example.fns/shouter")),
        functionRegistry.functions().stream().map(FunctionSpec::typeName).sorted(
            java.util.Comparator.comparing(TypeName::canonical)).toList());
  }

  @Test
  void firstCallWithoutStateAsksTheRuntimeForTheDeclaredSpecs() {
    FromFunction reply = Requests.to("com.example.fns/greeter", "ann").invoke("Ann").call(handler);

    assertTrue(reply.hasIncompleteInvocationContext(), reply::toString);
    List<PersistedValueSpec> missing = reply.getIncompleteInvocationContext().getMissingValuesList();
    assertEquals(2, missing.size());
    assertEquals("seen", missing.get(0).getStateName());
    assertEquals("io.statefun.types/int", missing.get(0).getTypeTypename());
    assertEquals(ExpireMode.NONE, missing.get(0).getExpirationSpec().getMode());
    assertEquals("last_greeting", missing.get(1).getStateName());
    assertEquals("io.statefun.types/string", missing.get(1).getTypeTypename());
    assertEquals(ExpireMode.AFTER_WRITE, missing.get(1).getExpirationSpec().getMode());
    assertEquals(300_000, missing.get(1).getExpirationSpec().getExpireAfterMillis());
  }

  @Test
  void syncFunctionBeanRunsWithItsInjectedHelperAndState() {
    FromFunction reply = Requests.to("com.example.fns/greeter", "ann")
        .state("seen", Types.INT, 4).emptyState("last_greeting")
        .invoke("Ann").invoke("Annie")
        .call(handler);

    FromFunction.InvocationResponse result = reply.getInvocationResult();
    // The injected GreetingFormatter wrote these; both invocations share the batch's state.
    assertEquals(List.of("Hello Ann, visit #5", "Hello Annie, visit #6"), Requests.sentStrings(reply));
    assertEquals("com.example.fns", result.getOutgoingMessages(0).getTarget().getNamespace());
    assertEquals("inbox", result.getOutgoingMessages(0).getTarget().getType());
    assertEquals("ann", result.getOutgoingMessages(0).getTarget().getId());

    assertEquals(2, result.getStateMutationsCount());
    var seen = result.getStateMutationsList().stream().filter(m -> m.getStateName().equals("seen")).findFirst()
        .orElseThrow();
    assertEquals(MutationType.MODIFY, seen.getMutationType());
    assertEquals(6, Types.INT.deserialize(seen.getStateValue().getValue().toByteArray()));
    var last = result.getStateMutationsList().stream().filter(m -> m.getStateName().equals("last_greeting"))
        .findFirst().orElseThrow();
    assertEquals("Hello Annie, visit #6", Types.STRING.deserialize(last.getStateValue().getValue().toByteArray()));
  }

  @Test
  void asyncFunctionBeanCompletesOnAnotherThread() {
    FromFunction reply = Requests.to("com.example.fns/shouter", "bo").invoke("hey").invoke("you")
        .call(handler);

    assertEquals(List.of("HEY!", "YOU!"), Requests.sentStrings(reply));
    assertEquals(0, reply.getInvocationResult().getStateMutationsCount());
  }

  @Test
  void unknownFunctionTypeIsReportedAsSuch() {
    UnknownFunctionException e = assertThrows(UnknownFunctionException.class,
        () -> Requests.to("com.example.fns/nobody", "x").invoke("hi").call(handler));
    assertTrue(e.getMessage().contains("com.example.fns/nobody"), e.getMessage());
  }

  @Test
  void theRegistryCallsTheBeanThroughItsContextualReference() {
    // The registry must not hold a private instance: the function is the container's bean, so a call
    // through the handler is counted by the application-scoped instance the container hands out.
    assertEquals(1, beanManager.getBeans(Greeter.class).size());
    Greeter bean = (Greeter) beanManager.getReference(beanManager.resolve(beanManager.getBeans(Greeter.class)),
        Greeter.class, beanManager.createCreationalContext(null));
    int before = bean.calls();
    Requests.to("com.example.fns/greeter", "counted").state("seen", Types.INT, 0).emptyState("last_greeting")
        .invoke("Cy").invoke("Dee").call(registry.handler());
    assertEquals(before + 2, bean.calls());
  }

  private static FunctionDescriptor find(List<FunctionDescriptor> functions, String type) {
    return functions.stream().filter(f -> f.typeName().equals(TypeName.parse(type))).findFirst()
        .orElseThrow(() -> new AssertionError(type + " not in " + functions));
  }
}
