package dev.statefun.jakarta.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.function.FunctionClass.Aspect;
import dev.statefun.jakarta.function.FunctionClass.Problem;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Types;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The rules of a function class, without a container. */
class FunctionClassTest {

  @Retention(RetentionPolicy.RUNTIME)
  @interface Fn {
    String value();
  }

  @Retention(RetentionPolicy.RUNTIME)
  @interface Wire {}

  @Fn("com.example/counter")
  public static class Counter implements RemoteFunction {
    static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
    static final ValueSpec<String> LAST = ValueSpec.of("last", Types.STRING);
    static final String NOT_STATE = "ignored";

    @Override
    public void invoke(Context context, Message message) {}
  }

  public static class Later implements AsyncRemoteFunction {
    @Override
    public CompletionStage<Void> invoke(Context context, Message message) {
      return CompletableFuture.completedFuture(null);
    }
  }

  public static class Many implements RemoteFunction {
    final ValueSpec<Integer> notStatic = ValueSpec.of("a", Types.INT);
    static ValueSpec<Integer> notFinal = ValueSpec.of("b", Types.INT);
    static final ValueSpec<Integer> NOTHING = null;
    static final ValueSpec<Integer> ONE = ValueSpec.of("same", Types.INT);
    static final ValueSpec<Long> TWO = ValueSpec.of("same", Types.LONG);

    @Override
    public void invoke(Context context, Message message) {}
  }

  public abstract static class Abstract implements RemoteFunction {}

  public static class NeedsArgument implements RemoteFunction {
    NeedsArgument(String argument) {}

    @Wire
    NeedsArgument(int argument) {}

    @Override
    public void invoke(Context context, Message message) {}
  }

  public static class NoFunction {}

  public class Inner implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {}
  }

  public static class BadStateName implements RemoteFunction {
    static final ValueSpec<Integer> BAD = ValueSpec.of("not a name", Types.INT);

    @Override
    public void invoke(Context context, Message message) {}
  }

  @Test
  void aValidClassHasItsTypeItsInterfaceAndItsStateInDeclarationOrder() {
    FunctionClass function = FunctionClass.inspect(Counter.class, Fn.class, Fn::value, FunctionClass.noArgumentsOnly());

    assertTrue(function.isValid(), function::toString);
    assertEquals(List.of(), function.problems());
    assertEquals(Counter.class, function.type());
    assertEquals("com.example/counter", function.declaredType().orElseThrow());
    assertEquals(TypeName.parse("com.example/counter"), function.typeName().orElseThrow());
    assertFalse(function.async());
    assertEquals(List.of(Counter.COUNT, Counter.LAST), function.valueSpecs());

    FunctionSpec spec = function.toSpec(new Counter());
    assertEquals(TypeName.parse("com.example/counter"), spec.typeName());
    assertEquals(List.of(Counter.COUNT, Counter.LAST), spec.valueSpecs());
  }

  @Test
  void anAsyncClassIsAsync() {
    FunctionClass function = FunctionClass.inspect(Later.class, Fn.class, "com.example/later",
        FunctionClass.noArgumentsOnly());
    assertTrue(function.isValid(), function::toString);
    assertTrue(function.async());
    assertEquals(List.of(), function.valueSpecs());
    assertEquals("com.example/later", function.toSpec(new Later()).typeName().canonical());
    assertThrows(IllegalArgumentException.class, () -> function.toSpec(new Counter()));
  }

  @Test
  void everyBadFieldIsReportedAndTheGoodOnesKept() {
    FunctionClass function = FunctionClass.inspect(Many.class, Fn.class, "com.example/many",
        FunctionClass.noArgumentsOnly());

    assertEquals(List.of(
        new Problem(Aspect.STATE, "its ValueSpec field 'notStatic' is not static; state is declared once per"
            + " function type, so declare it 'static final ValueSpec<...> notStatic = ValueSpec.of(...)'"),
        new Problem(Aspect.STATE, "its ValueSpec field 'notFinal' is not final; state is declared once per"
            + " function type, so declare it 'static final ValueSpec<...> notFinal = ValueSpec.of(...)'"),
        new Problem(Aspect.STATE, "its ValueSpec field 'NOTHING' is null; assign it ValueSpec.of(name, type)"),
        new Problem(Aspect.STATE, "its fields 'ONE' and 'TWO' both declare the state 'same'; state names must be"
            + " unique within a function: rename one of them")),
        function.problems());
    assertEquals(List.of(Many.ONE), function.valueSpecs());
    assertThrows(IllegalStateException.class, () -> function.toSpec(new Many()));
  }

  @Test
  void theTypeNameIsReadFromTheAnnotationAndChecked() {
    FunctionClass missing = FunctionClass.inspect(Later.class, Fn.class, Fn::value, FunctionClass.noArgumentsOnly());
    assertEquals(List.of(new Problem(Aspect.TYPE_NAME,
        "it is not annotated @Fn; annotate it @Fn(\"namespace/name\")")), missing.problems());

    FunctionClass invalid = FunctionClass.inspect(Later.class, Fn.class, "greeter", FunctionClass.noArgumentsOnly());
    assertEquals(1, invalid.problems().size());
    Problem problem = invalid.problems().get(0);
    assertEquals(Aspect.TYPE_NAME, problem.aspect());
    assertTrue(problem.message().startsWith("@Fn(\"greeter\") is not a valid function type ("), problem::message);
    assertTrue(problem.message().endsWith("); write it as namespace/name, e.g. @Fn(\"com.example.fns/greeter\")"),
        problem::message);
    assertEquals(List.of("@Fn class " + Later.class.getName() + ": " + problem.message()), invalid.messages());
  }

  @Test
  void classesAContainerCannotInstantiate() {
    assertEquals(List.of(new Problem(Aspect.INSTANTIATION,
            "it is abstract; annotate a concrete subclass instead, or remove 'abstract'")),
        FunctionClass.inspect(Abstract.class, Fn.class, "a/b", FunctionClass.noArgumentsOnly()).problems());
    assertEquals(List.of(new Problem(Aspect.INSTANTIATION,
            "it is a non-static inner class; declare it 'static' or make it a top-level class")),
        FunctionClass.inspect(Inner.class, Fn.class, "a/b", FunctionClass.noArgumentsOnly()).problems());
    assertEquals("it is an interface; annotate a concrete class that implements it instead",
        FunctionClass.whyNotInstantiable(RemoteFunction.class, FunctionClass.noArgumentsOnly()).orElseThrow());
    assertEquals("it has neither a no-argument constructor nor an @Inject constructor; add one of them",
        FunctionClass.whyNotInstantiable(NeedsArgument.class, FunctionClass.noArgumentsOnly()).orElseThrow());
    assertTrue(FunctionClass.whyNotInstantiable(NeedsArgument.class, FunctionClass.annotatedWith(Wire.class)).isEmpty());
  }

  @Test
  void aClassThatIsNoFunction() {
    assertEquals(List.of(new Problem(Aspect.FUNCTION_INTERFACE, "it is not a function: implement"
            + " dev.statefun.jakarta.RemoteFunction (sync) or dev.statefun.jakarta.AsyncRemoteFunction (async)")),
        FunctionClass.inspect(NoFunction.class, Fn.class, "a/b", FunctionClass.noArgumentsOnly()).problems());
  }

  @Test
  void aFailingStaticInitializerIsReportedWithItsCause() {
    List<Problem> problems =
        FunctionClass.inspect(BadStateName.class, Fn.class, "a/b", FunctionClass.noArgumentsOnly()).problems();
    assertEquals(1, problems.size(), problems::toString);
    String message = problems.get(0).message();
    assertTrue(message.startsWith("its static initializer failed: java.lang.IllegalArgumentException: Invalid value"
        + " spec name 'not a name'"), message);
    assertTrue(message.endsWith("; fix the ValueSpec (or other static field) declaration it names"), message);
  }
}
