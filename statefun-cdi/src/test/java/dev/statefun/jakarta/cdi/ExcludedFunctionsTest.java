package dev.statefun.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testkit.Requests;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Classes excluded on purpose (disabled alternatives, vetoed types) are not served and are no error. */
class ExcludedFunctionsTest {
  static final TypeName LOG = TypeName.parse("test/log");

  @StatefulFunction("com.example.fns/echo")
  public static class Echo implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {
      context.send(MessageBuilder.forAddress(LOG, "x").withValue("real " + message.asString()).build());
    }
  }

  /** Same type as Echo, but a disabled alternative: no duplicate, not served. */
  @StatefulFunction("com.example.fns/echo")
  @Alternative
  public static class DisabledEcho implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {
      context.send(MessageBuilder.forAddress(LOG, "x").withValue("disabled " + message.asString()).build());
    }
  }

  /** An alternative enabled with @Priority is served like any function. */
  @StatefulFunction("com.example.fns/enabled")
  @Alternative
  @Priority(10)
  public static class EnabledAlternative implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {
      context.send(MessageBuilder.forAddress(LOG, "x").withValue("enabled " + message.asString()).build());
    }
  }

  /** Would be a duplicate of Echo if it were not vetoed. */
  @StatefulFunction("com.example.fns/echo")
  public static class VetoedEcho implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {}
  }

  /** Another extension that vetoes a function class. */
  public static class VetoingExtension implements Extension {
    void veto(@Observes ProcessAnnotatedType<VetoedEcho> event) {
      event.veto();
    }
  }

  @Test
  void disabledAlternativesAndVetoedClassesAreNotServed() {
    Weld weld = new Weld("excluded").disableDiscovery()
        .addBeanClasses(Echo.class, DisabledEcho.class, EnabledAlternative.class, VetoedEcho.class)
        .addExtension(new StatefulFunctionExtension())
        .addExtension(new VetoingExtension());
    try (WeldContainer container = weld.initialize()) {
      StatefulFunctionRegistry registry = container.select(StatefulFunctionRegistry.class).get();
      assertEquals(List.of(Echo.class, EnabledAlternative.class),
          registry.functions().stream().map(FunctionDescriptor::beanClass)
              .sorted(java.util.Comparator.comparing(Class::getName)).toList());

      assertEquals(List.of("real hi"), Requests.sentStrings(
          Requests.to("com.example.fns/echo", "1").invoke("hi").call(registry.handler())));
      assertEquals(List.of("enabled hi"), Requests.sentStrings(
          Requests.to("com.example.fns/enabled", "1").invoke("hi").call(registry.handler())));
    }
  }
}
