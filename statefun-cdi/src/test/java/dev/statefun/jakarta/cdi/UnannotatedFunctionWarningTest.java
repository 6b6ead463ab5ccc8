package dev.statefun.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.cdi.sample.ForgottenAsyncFunction;
import dev.statefun.jakarta.cdi.sample.ForgottenFunction;
import dev.statefun.jakarta.cdi.sample.Greeter;
import dev.statefun.jakarta.cdi.sample.GreetingFormatter;
import dev.statefun.jakarta.testkit.LogRecords;
import java.util.List;
import java.util.logging.Level;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bean that implements a function interface without {@code @StatefulFunction} deploys, is not served, and the
 * deployment log names it with a warning (through System.Logger, which ends in java.util.logging here).
 */
class UnannotatedFunctionWarningTest {
  private LogRecords logs;

  @BeforeEach
  void capture() {
    logs = LogRecords.capture(StatefulFunctionExtension.class.getName());
  }

  @AfterEach
  void release() {
    logs.close();
  }

  @Test
  void eachUnannotatedFunctionBeanIsNamedInOneWarning() {
    Weld weld = new Weld("unannotated-functions").disableDiscovery()
        .addBeanClasses(Greeter.class, GreetingFormatter.class, ForgottenFunction.class, ForgottenAsyncFunction.class)
        .addExtension(new StatefulFunctionExtension());
    try (WeldContainer container = weld.initialize()) {
      StatefulFunctionRegistry registry = container.select(StatefulFunctionRegistry.class).get();
      assertEquals(List.of(Greeter.class), registry.functions().stream().map(FunctionDescriptor::beanClass).toList(),
          "only the annotated class is served");
    }
    List<String> warnings = logs.records().stream()
        .filter(record -> record.getLevel() == Level.WARNING)
        .map(record -> new java.text.MessageFormat(record.getMessage()).format(record.getParameters()))
        .toList();
    assertEquals(List.of(
        "Bean class " + ForgottenAsyncFunction.class.getName() + " implements dev.statefun.jakarta.AsyncRemoteFunction"
            + " but has no @StatefulFunction: it is not served. Annotate it with @StatefulFunction(\"namespace/name\")"
            + " to serve it",
        "Bean class " + ForgottenFunction.class.getName() + " implements dev.statefun.jakarta.RemoteFunction"
            + " but has no @StatefulFunction: it is not served. Annotate it with @StatefulFunction(\"namespace/name\")"
            + " to serve it"), warnings);
  }
}
