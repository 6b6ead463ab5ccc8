package dev.statefun.jakarta.testing;

import dev.statefun.jakarta.cdi.StatefulFunctionExtension;
import org.jboss.weld.junit5.WeldInitiator;

/**
 * weld-junit5 containers that serve {@code @StatefulFunction} beans. {@code WeldInitiator.of(...)} alone
 * starts a container without the portable extension (it disables discovery, and with it the extension's
 * service entry), so it would have no functions and no {@link dev.statefun.jakarta.cdi.StatefulFunctionRegistry}.
 *
 * <pre>{@code
 * @WeldSetup WeldInitiator weld = StatefulFunctionWeld.of(Greeter.class, GreetingFormatter.class);
 * }</pre>
 */
public final class StatefulFunctionWeld {
  private StatefulFunctionWeld() {}

  /**
   * A container of exactly these bean classes, with the extension that validates and serves the functions
   * among them: a mistake in a function class fails the test's container as it would fail the deployment.
   *
   * @param beanClasses the functions and the beans they need
   * @return the initiator, for a {@code @WeldSetup} field
   */
  public static WeldInitiator of(Class<?>... beanClasses) {
    return WeldInitiator.from(WeldInitiator.createWeld()
            .addBeanClasses(beanClasses)
            .addExtension(new StatefulFunctionExtension()))
        .build();
  }
}
