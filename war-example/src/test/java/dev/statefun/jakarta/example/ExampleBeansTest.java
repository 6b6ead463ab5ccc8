package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.FunctionDescriptor;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.EgressRecords;
import dev.statefun.jakarta.testing.FunctionTester;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example classes as a bean archive in a real CDI container (Weld SE, no HTTP): the way the
 * embedded server finds them, and what the servers find in the WAR.
 */
class ExampleBeansTest {
  static WeldContainer container;
  static StatefulFunctionRegistry registry;

  @BeforeAll
  static void boot() {
    // Discovery as on the embedded server: bean archives are found by META-INF/beans.xml.
    container = new Weld("example-beans-test").initialize();
    registry = container.select(StatefulFunctionRegistry.class).get();
  }

  @AfterAll
  static void shutdown() {
    container.close();
  }

  @Test
  void everyExampleFunctionIsFoundWithItsState() {
    Map<String, FunctionDescriptor> found = registry.functions().stream()
        .collect(Collectors.toMap(d -> d.typeName().canonical(), Function.identity()));
    assertEquals(ExampleFunctions.STATE.keySet(), found.keySet());
    ExampleFunctions.STATE.forEach((type, state) ->
        assertEquals(state, found.get(type).valueSpecs(), () -> "state of " + type));
    assertTrue(found.get(Translator.TYPE).async());
  }

  @Test
  void theGreeterRunsWithItsInjectedFormatter() {
    FunctionSpec greeter = registry.registry().find(TypeName.parse(Greeter.TYPE)).orElseThrow();
    FunctionTester tester = FunctionTester.of(greeter);
    Address bob = Address.of(Greeter.TYPE, "bob");
    tester.invoke(MessageBuilder.forAddress(bob).withValue("bob").build());
    String second = EgressRecords.kafka(
        tester.invoke(MessageBuilder.forAddress(bob).withValue("bob").build()).egressMessages().get(0)).utf8Value();
    assertEquals("Hello bob for the 2nd time!", second);
  }

  @Test
  void theAsyncTranslatorRunsWithItsInjectedPhrasebook() {
    FunctionSpec translator = registry.registry().find(TypeName.parse(Translator.TYPE)).orElseThrow();
    var result = FunctionTester.of(translator)
        .invoke(MessageBuilder.forAddress(Address.of(Translator.TYPE, "fr")).withValue("ann").build());
    assertEquals(List.of("Bonjour ann!"),
        result.egressMessages().stream().map(m -> EgressRecords.kafka(m).utf8Value()).toList());
  }

  /**
   * Keeps the spec lists the unit tests use honest: they must be what CDI finds (GreeterTest reads its spec
   * from the class instead).
   */
  @Test
  void theUnitTestsDeclareTheSameState() {
    for (FunctionSpec spec : List.of(InboxTest.SPEC, ProfilesTest.SPEC, RemindersTest.SPEC,
        TranslatorTest.SPEC)) {
      List<ValueSpec<?>> declared = ExampleFunctions.STATE.get(spec.typeName().canonical());
      assertEquals(declared, spec.valueSpecs(), () -> "state of " + spec.typeName());
    }
  }
}
