package dev.statefun.jakarta.cdi.errors;

import static dev.statefun.jakarta.cdi.errors.WeldSe.assertProblem;
import static dev.statefun.jakarta.cdi.errors.WeldSe.buildCompatibleDeploymentError;
import static dev.statefun.jakarta.cdi.errors.WeldSe.deploymentError;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Types;
import org.junit.jupiter.api.Test;

/** Weld SE: one failed deployment reports every mistake of every class at once, with either extension. */
class DeploymentProblemsTest {

  @StatefulFunction("bad type")
  public static class ManyMistakes implements RemoteFunction {
    final ValueSpec<Integer> notStatic = ValueSpec.of("a", Types.INT);
    static ValueSpec<Integer> notFinal = ValueSpec.of("b", Types.INT);
    static final ValueSpec<Integer> NOTHING = null;

    @Override
    public void invoke(Context context, Message message) {}
  }

  @StatefulFunction("com.example.fns/not-a-function")
  public static class NotAFunction {}

  @Test
  void everyProblemOfEveryClassIsReported() {
    assertEveryProblem(deploymentError(ManyMistakes.class, NotAFunction.class));
  }

  @Test
  void theBuildCompatibleExtensionReportsTheSameProblems() {
    assertEveryProblem(buildCompatibleDeploymentError(ManyMistakes.class, NotAFunction.class));
  }

  private static void assertEveryProblem(String message) {
    assertProblem(message, ManyMistakes.class, "@StatefulFunction(\"bad type\") is not a valid function type");
    assertProblem(message, ManyMistakes.class,
        "'notStatic' is not static;");
    assertProblem(message, ManyMistakes.class,
        "'notFinal' is not final;");
    assertProblem(message, ManyMistakes.class,
        "its ValueSpec field 'NOTHING' is null; assign it ValueSpec.of(name, type)");
    assertProblem(message, NotAFunction.class, "it is not a function");
  }
}
