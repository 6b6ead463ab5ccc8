package dev.statefun.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.types.Types;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every user mistake is rejected where it is made, with a message saying what to do. */
class RegistrationRulesTest {

  @Test
  void typeNamesSplitAtTheLastSlash() {
    TypeName t = TypeName.parse("type.googleapis.com/a/b.Msg");
    assertEquals("type.googleapis.com/a", t.namespace());
    assertEquals("b.Msg", t.name());
    assertEquals("type.googleapis.com/a/b.Msg", t.canonical());
    assertEquals(TypeName.of("com.example", "fn"), TypeName.parse("com.example/fn"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "noslash", "/name", "namespace/", "/"})
  void invalidTypeNamesAreRejected(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TypeName.parse(name));
    assertTrue(e.getMessage().contains("Invalid type name"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1abc", "with space", "dash-ed", "dot.ted", "ünicode", "a/b"})
  void invalidValueSpecNamesAreRejected(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueSpec.of(name, Types.INT));
    assertTrue(e.getMessage().contains("[A-Za-z_][A-Za-z0-9_]*"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "_", "seen_count", "Seen2", "_x_9"})
  void validValueSpecNames(String name) {
    assertEquals(name, ValueSpec.of(name, Types.INT).name());
  }

  @Test
  void expirationsMustBePositive() {
    ValueSpec<Integer> spec = ValueSpec.of("x", Types.INT);
    assertThrows(IllegalArgumentException.class, () -> spec.expireAfterWrite(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> spec.expireAfterCall(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> spec.expireAfterCall(Duration.ofNanos(10)));
    assertEquals(Expiration.Mode.AFTER_WRITE, spec.expireAfterWrite(Duration.ofMinutes(1)).expiration().mode());
  }

  @Test
  void duplicateStateNamesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FunctionSpec.builder("a/b")
        .withValueSpecs(ValueSpec.of("seen", Types.INT), ValueSpec.of("seen", Types.LONG))
        .withFunction((c, m) -> {})
        .build());
    assertTrue(e.getMessage().contains("'seen'") && e.getMessage().contains("a/b"), e.getMessage());
  }

  @Test
  void aSpecNeedsAFunctionAndAType() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> FunctionSpec.builder("a/b").build());
    assertTrue(e.getMessage().contains("a/b has no function"), e.getMessage());
    assertThrows(NullPointerException.class, () -> FunctionSpec.builder((TypeName) null));
    assertThrows(NullPointerException.class, () -> ValueSpec.of("x", null));
  }

  @Test
  void duplicateFunctionTypesAreRejected() {
    FunctionSpec one = FunctionSpec.builder("a/b").withFunction((c, m) -> {}).build();
    FunctionSpec two = FunctionSpec.builder("a/b").withAsyncFunction((c, m) -> null).build();
    FunctionRegistry.Builder builder = FunctionRegistry.builder().register(one);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.register(two));
    assertTrue(e.getMessage().contains("a/b is registered twice"), e.getMessage());
  }

  @Test
  void registryListsFunctionsInOrder() {
    FunctionRegistry registry = FunctionRegistry.builder()
        .register(FunctionSpec.builder("z/last").withFunction((c, m) -> {}).build())
        .register(FunctionSpec.builder("a/first").withFunction((c, m) -> {}).build())
        .build();
    assertEquals("[z/last, a/first]", registry.functions().stream().map(f -> f.typeName().toString()).toList().toString());
    assertTrue(registry.find(TypeName.parse("a/first")).isPresent());
    assertTrue(registry.find(TypeName.parse("a/none")).isEmpty());
  }
}
