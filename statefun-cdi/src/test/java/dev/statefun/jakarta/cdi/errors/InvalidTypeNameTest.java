package dev.statefun.jakarta.cdi.errors;

import static dev.statefun.jakarta.cdi.errors.WeldSe.assertProblem;
import static dev.statefun.jakarta.cdi.errors.WeldSe.deploymentError;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deployment error: An annotation value that is not namespace/name. */
@ExtendWith(ArquillianExtension.class)
class InvalidTypeNameTest {

  @StatefulFunction("greeter")
  public static class NoNamespace implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {}
  }

  @StatefulFunction("com.example.fns/")
  public static class EmptyName implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {}
  }

  @Deployment
  @ShouldThrowException(DeploymentException.class)
  static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class).addClasses(NoNamespace.class, EmptyName.class)
        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Test
  void messageNamesTheClassAndTheFix() {
    String message = deploymentError(NoNamespace.class, EmptyName.class);
    assertProblem(message, NoNamespace.class, "@StatefulFunction(\"greeter\") is not a valid function type",
        "write it as namespace/name, e.g. @StatefulFunction(\"com.example.fns/greeter\")");
    assertProblem(message, EmptyName.class, "@StatefulFunction(\"com.example.fns/\") is not a valid function type",
        "non-empty", "write it as namespace/name");
  }
}
