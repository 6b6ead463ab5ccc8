package dev.statefun.jakarta.cdi.errors;

import static dev.statefun.jakarta.cdi.errors.WeldSe.assertProblem;
import static dev.statefun.jakarta.cdi.errors.WeldSe.buildCompatibleDeploymentError;
import static dev.statefun.jakarta.cdi.errors.WeldSe.deploymentError;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deployment error: bean types narrowed with @Typed so that the registry could not obtain the function. */
@ExtendWith(ArquillianExtension.class)
class TypedWithoutFunctionInterfaceTest {

  @StatefulFunction("com.example.fns/typed")
  @Typed(Narrowed.class)
  public static class Narrowed implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {}
  }

  @Deployment
  @ShouldThrowException(DeploymentException.class)
  static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class).addClasses(Narrowed.class)
        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Test
  void messageNamesTheClassAndTheFix() {
    assertProblem(deploymentError(Narrowed.class), Narrowed.class,
        "do not include dev.statefun.jakarta.RemoteFunction", "add it to @Typed, or remove @Typed");
  }

  @Test
  void theBuildCompatibleExtensionReportsItToo() {
    assertProblem(buildCompatibleDeploymentError(Narrowed.class), Narrowed.class,
        "do not include dev.statefun.jakarta.RemoteFunction", "add it to @Typed, or remove @Typed");
  }
}
