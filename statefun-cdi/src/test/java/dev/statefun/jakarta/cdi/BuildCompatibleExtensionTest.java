package dev.statefun.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.cdi.sample.DependentFunction;
import dev.statefun.jakarta.cdi.sample.DependentPart;
import dev.statefun.jakarta.cdi.sample.Greeter;
import dev.statefun.jakarta.cdi.sample.GreetingFormatter;
import dev.statefun.jakarta.cdi.sample.Lifecycle;
import dev.statefun.jakarta.cdi.sample.ScopedFunction;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The build-compatible extension on Weld, which runs both kinds: alone (as CDI Lite runs it, see
 * {@link UnskippedBuildExtension}) it serves the functions with their scopes; as shipped, beside the
 * portable extension, Weld skips it, so one registry exists.
 */
class BuildCompatibleExtensionTest {
  private static final Class<?>[] BEANS = {Greeter.class, GreetingFormatter.class, DependentFunction.class,
      DependentPart.class, ScopedFunction.class, Lifecycle.class};

  @Test
  void aloneItSynthesizesTheRegistryAndServesTheFunctions() {
    Weld weld = new Weld("lite-" + UUID.randomUUID()).disableDiscovery().addBeanClasses(BEANS)
        .addBuildCompatibleExtensions(UnskippedBuildExtension.class);
    try (WeldContainer container = weld.initialize()) {
      Bean<?> registryBean = container.getBeanManager().resolve(container.getBeanManager()
          .getBeans(StatefulFunctionRegistry.class));
      assertEquals(Singleton.class, registryBean.getScope(), "the synthesized registry is a @Singleton");

      StatefulFunctionRegistry registry = container.select(StatefulFunctionRegistry.class).get();
      Map<String, FunctionDescriptor> found = registry.functions().stream()
          .collect(Collectors.toMap(d -> d.typeName().canonical(), Function.identity()));
      assertEquals(List.of("com.example.fns/greeter", "scopes/dependent"),
          registry.functions().stream().map(d -> d.typeName().canonical()).toList());
      assertEquals(ApplicationScoped.class, found.get("com.example.fns/greeter").scope());
      assertEquals(Dependent.class, found.get("scopes/dependent").scope());
      assertEquals(List.of("seen", "last_greeting"),
          found.get("com.example.fns/greeter").valueSpecs().stream().map(spec -> spec.name()).toList());

      RequestReplyHandler handler = container.select(RequestReplyHandler.class).get();
      assertSame(registry.handler(), handler);
      assertSame(registry.registry(), container.select(FunctionRegistry.class).get());
      var reply = Requests.to("com.example.fns/greeter", "lite").state("seen", Types.INT, 1)
          .emptyState("last_greeting").invoke("Ann").call(handler);
      assertEquals(List.of("Hello Ann, visit #2"), Requests.sentStrings(reply));

      // @Dependent: a new instance per invocation, destroyed when it returns.
      Lifecycle lifecycle = container.select(Lifecycle.class).get();
      lifecycle.reset();
      List<String> names = Requests.sentStrings(Requests.to("scopes/dependent", "y").invoke("c").invoke("d")
          .call(handler));
      assertEquals(2, names.stream().distinct().count(), names::toString);
      List<String> expected = names.stream()
          .flatMap(name -> List.of(name + " created", name + " invoked", name + " destroyed").stream()).toList();
      assertEquals(expected, lifecycle.events("dependent"));
    }
  }

  @Test
  void besideThePortableExtensionItIsSkipped() {
    Weld weld = new Weld("both-" + UUID.randomUUID()).disableDiscovery().addBeanClasses(BEANS)
        .addExtension(new StatefulFunctionExtension())
        .addBuildCompatibleExtensions(StatefulFunctionBuildExtension.class);
    try (WeldContainer container = weld.initialize()) {
      var beans = container.getBeanManager().getBeans(StatefulFunctionRegistry.class);
      assertEquals(1, beans.size(), beans::toString);
      Bean<?> registryBean = beans.iterator().next();
      assertEquals(ApplicationScoped.class, registryBean.getScope(), "the portable extension's registry");
      assertEquals(1, container.getBeanManager().getBeans(RequestReplyHandler.class).size());
      assertEquals(1, container.getBeanManager().getBeans(FunctionRegistry.class).size());
      assertFalse(container.select(StatefulFunctionRegistry.class).get().functions().isEmpty());
    }
  }
}
