package dev.statefun.jakarta.cdi.errors;

import static dev.statefun.jakarta.cdi.errors.WeldSe.assertProblem;
import static dev.statefun.jakarta.cdi.errors.WeldSe.deploymentError;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.Handles;
import dev.statefun.jakarta.TypedRemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import org.junit.jupiter.api.Test;

/** Deployment error: two @Handles methods take the same message type; one takes no Context. */
class TwoHandlersForOneTypeTest {

  @StatefulFunction("com.example.fns/two-handlers")
  public static class TwoHandlers extends TypedRemoteFunction {
    @Handles
    void first(Context context, String text) {}

    @Handles
    void second(Context context, String text) {}

    @Handles
    void shapeless(String text) {}
  }

  @Test
  void messageNamesTheMethodsAndTheFix() {
    String message = deploymentError(TwoHandlers.class);
    assertProblem(message, TwoHandlers.class, "both take messages of type io.statefun.types/string",
        "one method per message type");
    assertProblem(message, TwoHandlers.class, "its @Handles method 'shapeless' must be an instance method taking"
        + " (Context, T) and returning void");
  }
}
