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

/** Deployment error: Two ValueSpec fields declaring the same state name. */
@ExtendWith(ArquillianExtension.class)
class DuplicateStateNameTest {

  @StatefulFunction("com.example.fns/dup-state")
  public static class DuplicateState implements RemoteFunction {
    static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
    static final ValueSpec<Long> COUNT_AGAIN = ValueSpec.of("count", Types.LONG);

    @Override
    public void invoke(Context context, Message message) {}
  }

  @Deployment
  @ShouldThrowException(DeploymentException.class)
  static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class).addClasses(DuplicateState.class)
        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Test
  void messageNamesTheClassAndTheFix() {
    assertProblem(deploymentError(DuplicateState.class), DuplicateState.class,
        "its fields 'COUNT' and 'COUNT_AGAIN' both declare the state 'count'", "rename one of them");
  }
}
