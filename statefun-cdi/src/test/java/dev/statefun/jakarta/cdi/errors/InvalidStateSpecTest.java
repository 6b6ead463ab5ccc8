package dev.statefun.jakarta.cdi.errors;

import static dev.statefun.jakarta.cdi.errors.WeldSe.assertProblem;
import static dev.statefun.jakarta.cdi.errors.WeldSe.deploymentError;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Types;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deployment error: A ValueSpec whose name breaks the rule: its static initializer throws. */
@ExtendWith(ArquillianExtension.class)
class InvalidStateSpecTest {

  @StatefulFunction("com.example.fns/bad-state")
  public static class BadStateName implements RemoteFunction {
    static final ValueSpec<Integer> GOOD = ValueSpec.of("good", Types.INT);
    static final ValueSpec<Integer> BAD = ValueSpec.of("not a name", Types.INT);

    @Override
    public void invoke(Context context, Message message) {}
  }

  /** The same mistake in a class nothing has initialised yet (BadStateName failed during the Arquillian deployment). */
  @StatefulFunction("com.example.fns/bad-state-2")
  public static class BadStateNameFresh implements RemoteFunction {
    static final ValueSpec<Integer> GOOD = ValueSpec.of("good", Types.INT);
    static final ValueSpec<Integer> BAD = ValueSpec.of("not a name", Types.INT);

    @Override
    public void invoke(Context context, Message message) {}
  }

  @Deployment
  @ShouldThrowException(DeploymentException.class)
  static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class).addClasses(BadStateName.class)
        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Test
  void messageNamesTheClassAndTheFix() {
    // First initialisation: the ValueSpec's own message, whichever field read triggered it.
    assertProblem(deploymentError(BadStateNameFresh.class), BadStateNameFresh.class,
        "its static initializer failed", "Invalid value spec name 'not a name'",
        "use an ASCII identifier", "fix the ValueSpec");
    // A class whose initialisation failed before (here: in the Arquillian deployment) still gets a fix.
    assertProblem(deploymentError(BadStateName.class), BadStateName.class, "static initializer failed",
        "fix the ValueSpec");
  }
}
