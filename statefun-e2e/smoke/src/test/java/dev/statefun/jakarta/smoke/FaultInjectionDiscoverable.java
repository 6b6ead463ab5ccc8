package dev.statefun.jakarta.smoke;

import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Adds the installed {@link FaultInjector} to every Jersey application in this JVM, the embedded
 * server's included, through Jersey's auto-discovery (listed in
 * {@code META-INF/services/org.glassfish.jersey.internal.spi.AutoDiscoverable} of the test
 * classes): the product code stays as it ships.
 */
public final class FaultInjectionDiscoverable implements AutoDiscoverable {
  @Override
  public void configure(FeatureContext context) {
    FaultInjector injector = FaultInjector.installed();
    if (injector != null && !context.getConfiguration().isRegistered(injector)) {
      context.register(injector);
    }
  }
}
