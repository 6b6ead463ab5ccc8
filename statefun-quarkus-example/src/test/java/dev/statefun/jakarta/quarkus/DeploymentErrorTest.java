package dev.statefun.jakarta.quarkus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Types;
import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quarkus refuses to build an application with a bad function, and says why: the build-compatible
 * extension reports each mistake as a deployment error, with the portable extension's messages.
 */
class DeploymentErrorTest {

  @StatefulFunction("no-namespace")
  public static class BadType implements RemoteFunction {
    static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
    static ValueSpec<Integer> notFinal = ValueSpec.of("other", Types.INT);

    @Override
    public void invoke(Context context, Message message) {}
  }

  @StatefulFunction("com.example.fns/not-a-function")
  public static class NotAFunction {}

  @RegisterExtension
  static final QuarkusUnitTest QUARKUS = new QuarkusUnitTest()
      .withApplicationRoot(jar -> jar.addClasses(BadType.class, NotAFunction.class))
      // application.properties excludes this package from the other tests' application; not here.
      .overrideConfigKey("quarkus.arc.exclude-types", "dev.statefun.jakarta.nothing.**")
      .assertException(DeploymentErrorTest::assertProblems);

  private static void assertProblems(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
      for (Throwable suppressed : t.getSuppressed()) {
        messages.add(String.valueOf(suppressed.getMessage()));
      }
    }
    String all = String.join("\n", messages);
    String badType = "@StatefulFunction class " + BadType.class.getName() + ": ";
    assertTrue(all.contains(badType + "@StatefulFunction(\"no-namespace\") is not a valid function type"), all);
    assertTrue(all.contains(badType + "its ValueSpec field 'notFinal' is not final;"), all);
    assertTrue(all.contains("@StatefulFunction class " + NotAFunction.class.getName()
        + ": it is not a function: implement dev.statefun.jakarta.RemoteFunction"), all);
  }

  @Test
  void theBuildFailsNamingEveryMistake() {
    // The assertions run on the failure (assertException above); reaching this line means it failed as expected.
  }
}
