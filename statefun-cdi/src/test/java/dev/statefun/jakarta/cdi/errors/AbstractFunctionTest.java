package dev.statefun.jakarta.cdi.errors;

import static dev.statefun.jakarta.cdi.errors.WeldSe.assertProblem;
import static dev.statefun.jakarta.cdi.errors.WeldSe.deploymentError;

import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deployment error: An abstract annotated class. */
@ExtendWith(ArquillianExtension.class)
class AbstractFunctionTest {

  @StatefulFunction("com.example.fns/abstract")
  public abstract static class AbstractFunction implements RemoteFunction {}

  @Deployment
  @ShouldThrowException(DeploymentException.class)
  static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class).addClasses(AbstractFunction.class)
        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Test
  void messageNamesTheClassAndTheFix() {
    assertProblem(deploymentError(AbstractFunction.class), AbstractFunction.class,
        "it cannot be a CDI bean: it is abstract", "annotate a concrete subclass instead, or remove 'abstract'");
  }
}
