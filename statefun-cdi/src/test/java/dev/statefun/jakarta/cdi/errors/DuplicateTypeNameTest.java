package dev.statefun.jakarta.cdi.errors;

import static dev.statefun.jakarta.cdi.errors.WeldSe.assertProblem;
import static dev.statefun.jakarta.cdi.errors.WeldSe.deploymentError;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.concurrent.CompletionStage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deployment error: Two beans declaring the same function type. */
@ExtendWith(ArquillianExtension.class)
class DuplicateTypeNameTest {

  @StatefulFunction("com.example.fns/twin")
  public static class First implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {}
  }

  @StatefulFunction("com.example.fns/twin")
  public static class Second implements AsyncRemoteFunction {
    @Override
    public CompletionStage<Void> invoke(Context context, Message message) {
      return null;
    }
  }

  @Deployment
  @ShouldThrowException(DeploymentException.class)
  static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class).addClasses(First.class, Second.class)
        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Test
  void messageNamesTheClassAndTheFix() {
    String message = deploymentError(First.class, Second.class);
    // Classes are validated in name order: the second one is reported, naming the first.
    assertProblem(message, Second.class, "its function type com.example.fns/twin is also declared by "
        + First.class.getName(), "rename one of them");
  }
}
