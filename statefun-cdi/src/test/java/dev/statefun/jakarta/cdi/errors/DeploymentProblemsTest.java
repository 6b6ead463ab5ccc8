package dev.statefun.jakarta.cdi.errors;

import static dev.statefun.jakarta.cdi.errors.WeldSe.assertProblem;
import static dev.statefun.jakarta.cdi.errors.WeldSe.buildCompatibleDeploymentError;
import static dev.statefun.jakarta.cdi.errors.WeldSe.deploymentError;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.Handles;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypedRemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Types;
import jakarta.enterprise.inject.Typed;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake a deployment can hold fails it (Weld SE) with a message that names the class and the
 * fix; one failed deployment reports every mistake of every class at once. Each case runs with the
 * portable extension and with the build-compatible one (as CDI Lite runs it).
 */
class DeploymentProblemsTest {

  /**
   * One way to get a deployment wrong: its bean classes and what the failure must say, with the
   * portable extension and with the build-compatible one.
   */
  record Case(String name, List<Class<?>> classes, Consumer<String> check, Consumer<String> buildCompatibleCheck) {
    Case(String name, List<Class<?>> classes, Consumer<String> check) {
      this(name, classes, check, check);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> problems() {
    return PROBLEMS;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void thePortableExtensionNamesTheClassAndTheFix(Case problem) {
    problem.check().accept(deploymentError(problem.classes().toArray(Class<?>[]::new)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void theBuildCompatibleExtensionNamesTheClassAndTheFix(Case problem) {
    problem.buildCompatibleCheck().accept(buildCompatibleDeploymentError(problem.classes().toArray(Class<?>[]::new)));
  }

  private static final List<Case> PROBLEMS = List.of(
        new Case("every mistake of every class at once", List.of(ManyMistakes.class, NotAFunction.class), message -> {
          assertProblem(message, ManyMistakes.class, "@StatefulFunction(\"bad type\") is not a valid function type");
          assertProblem(message, ManyMistakes.class, "'notStatic' is not static;");
          assertProblem(message, ManyMistakes.class, "'notFinal' is not final;");
          assertProblem(message, ManyMistakes.class,
              "its ValueSpec field 'NOTHING' is null; assign it ValueSpec.of(name, type)");
          assertProblem(message, NotAFunction.class, "it is not a function");
        }),
        new Case("an abstract class", List.of(AbstractFunction.class), message ->
            assertProblem(message, AbstractFunction.class, "it cannot be a CDI bean: it is abstract",
                "annotate a concrete subclass instead, or remove 'abstract'")),
        new Case("two fields declaring one state", List.of(DuplicateState.class), message ->
            assertProblem(message, DuplicateState.class,
                "its fields 'COUNT' and 'COUNT_AGAIN' both declare the state 'count'", "rename one of them")),
        // Classes are validated in name order: the second one is reported, naming the first. Under the
        // build-compatible extension the container refuses the two beans' one name before that check.
        new Case("two classes declaring one function type", List.of(First.class, Second.class), message ->
            assertProblem(message, Second.class, "its function type com.example.fns/twin is also declared by "
                + First.class.getName(), "rename one of them"),
            message -> assertTrue(message.contains("WELD-001414: Bean name is ambiguous. Name"
                + " statefun.function:com.example.fns/twin resolves to beans"), message)),
        new Case("a non-static inner class", List.of(InnerFunction.class), message ->
            assertProblem(message, InnerFunction.class, "it cannot be a CDI bean: it is a non-static inner class",
                "declare it 'static' or make it a top-level class")),
        new Case("an interface", List.of(InterfaceFunction.class), message ->
            assertProblem(message, InterfaceFunction.class, "it cannot be a CDI bean: it is an interface",
                "annotate a concrete class that implements it instead")),
        // The ValueSpec's own message, whichever field read triggered the class's initialisation.
        new Case("a ValueSpec with an invalid name", List.of(BadStateName.class), message ->
            assertProblem(message, BadStateName.class, "its static initializer failed",
                "Invalid value spec name 'not a name'", "use an ASCII identifier", "fix the ValueSpec")),
        new Case("a class whose initialisation failed before", List.of(FailedBefore.class), message ->
            assertProblem(message, FailedBefore.class, "static initializer failed", "fix the ValueSpec")),
        new Case("a function type without namespace or name", List.of(NoNamespace.class, EmptyName.class), message -> {
          assertProblem(message, NoNamespace.class, "@StatefulFunction(\"greeter\") is not a valid function type",
              "write it as namespace/name, e.g. @StatefulFunction(\"com.example.fns/greeter\")");
          assertProblem(message, EmptyName.class,
              "@StatefulFunction(\"com.example.fns/\") is not a valid function type", "non-empty",
              "write it as namespace/name");
        }),
        new Case("no usable constructor", List.of(NeedsArguments.class), message ->
            assertProblem(message, NeedsArguments.class,
                "it cannot be a CDI bean: it has neither a no-argument constructor nor an @Inject constructor",
                "add one of them")),
        new Case("a ValueSpec field that is not final", List.of(MutableState.class), message ->
            assertProblem(message, MutableState.class, "its ValueSpec field 'count' is not final;",
                "declare it 'static final ValueSpec<...> count = ValueSpec.of(...)'")),
        new Case("a ValueSpec field that is not static", List.of(InstanceState.class), message ->
            assertProblem(message, InstanceState.class, "its ValueSpec field 'count' is not static;",
                "declare it 'static final ValueSpec<...> count = ValueSpec.of(...)'")),
        new Case("a class that is no function", List.of(Nothing.class), message ->
            assertProblem(message, Nothing.class, "it is not a function",
                "implement dev.statefun.jakarta.RemoteFunction (sync) or dev.statefun.jakarta.AsyncRemoteFunction"
                    + " (async)")),
        new Case("two @Handles methods for one type, one of no valid shape", List.of(TwoHandlers.class), message -> {
          assertProblem(message, TwoHandlers.class, "both take messages of type io.statefun.types/string",
              "one method per message type");
          assertProblem(message, TwoHandlers.class, "its @Handles method 'shapeless' must be an instance method"
              + " taking (Context, T) and returning void");
        }),
        new Case("@Typed without the function interface", List.of(Narrowed.class), message ->
            assertProblem(message, Narrowed.class, "do not include dev.statefun.jakarta.RemoteFunction",
                "add it to @Typed, or remove @Typed")));

  static {
    // The case "a class whose initialisation failed before": the JVM then reports NoClassDefFoundError,
    // without the ValueSpec's message, and the deployment must still name the fix.
    assertThrows(ExceptionInInitializerError.class, () -> Class.forName(FailedBefore.class.getName(), true,
        FailedBefore.class.getClassLoader()));
  }

  /** A function that does nothing: what the cases below get wrong is elsewhere. */
  public abstract static class Inert implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {}
  }

  @StatefulFunction("bad type")
  public static class ManyMistakes extends Inert {
    final ValueSpec<Integer> notStatic = ValueSpec.of("a", Types.INT);
    static ValueSpec<Integer> notFinal = ValueSpec.of("b", Types.INT);
    static final ValueSpec<Integer> NOTHING = null;
  }

  @StatefulFunction("com.example.fns/not-a-function")
  public static class NotAFunction {}

  @StatefulFunction("com.example.fns/abstract")
  public abstract static class AbstractFunction implements RemoteFunction {}

  @StatefulFunction("com.example.fns/dup-state")
  public static class DuplicateState extends Inert {
    static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
    static final ValueSpec<Long> COUNT_AGAIN = ValueSpec.of("count", Types.LONG);
  }

  @StatefulFunction("com.example.fns/twin")
  public static class First extends Inert {}

  @StatefulFunction("com.example.fns/twin")
  public static class Second implements AsyncRemoteFunction {
    @Override
    public CompletionStage<Void> invoke(Context context, Message message) {
      return null;
    }
  }

  @StatefulFunction("com.example.fns/inner")
  public class InnerFunction extends Inert {}

  @StatefulFunction("com.example.fns/interface")
  public interface InterfaceFunction extends RemoteFunction {}

  @StatefulFunction("com.example.fns/bad-state")
  public static class BadStateName extends Inert {
    static final ValueSpec<Integer> GOOD = ValueSpec.of("good", Types.INT);
    static final ValueSpec<Integer> BAD = ValueSpec.of("not a name", Types.INT);
  }

  @StatefulFunction("com.example.fns/bad-state-2")
  public static class FailedBefore extends Inert {
    static final ValueSpec<Integer> GOOD = ValueSpec.of("good", Types.INT);
    static final ValueSpec<Integer> BAD = ValueSpec.of("not a name", Types.INT);
  }

  @StatefulFunction("greeter")
  public static class NoNamespace extends Inert {}

  @StatefulFunction("com.example.fns/")
  public static class EmptyName extends Inert {}

  @StatefulFunction("com.example.fns/no-constructor")
  public static class NeedsArguments extends Inert {
    private final String greeting;

    public NeedsArguments(String greeting) {
      this.greeting = greeting;
    }
  }

  @StatefulFunction("com.example.fns/mutable-state")
  public static class MutableState extends Inert {
    static ValueSpec<Integer> count = ValueSpec.of("count", Types.INT);
  }

  @StatefulFunction("com.example.fns/instance-state")
  public static class InstanceState extends Inert {
    final ValueSpec<Integer> count = ValueSpec.of("count", Types.INT);
  }

  @StatefulFunction("com.example.fns/nothing")
  public static class Nothing {
    public void invoke(Context context, Message message) {}
  }

  @StatefulFunction("com.example.fns/two-handlers")
  public static class TwoHandlers extends TypedRemoteFunction {
    @Handles
    void first(Context context, String text) {}

    @Handles
    void second(Context context, String text) {}

    @Handles
    void shapeless(String text) {}
  }

  @StatefulFunction("com.example.fns/typed")
  @Typed(Narrowed.class)
  public static class Narrowed extends Inert {}
}
