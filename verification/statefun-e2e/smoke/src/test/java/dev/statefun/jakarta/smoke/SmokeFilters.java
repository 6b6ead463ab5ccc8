package dev.statefun.jakarta.smoke;

import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Adds the test's filters to every Jersey application in this JVM, the embedded server's included,
 * through Jersey's auto-discovery (listed in
 * {@code META-INF/services/org.glassfish.jersey.internal.spi.AutoDiscoverable} of the test classes),
 * so the product code stays as it ships: the installed {@link FaultInjector}.
 */
public final class SmokeFilters implements AutoDiscoverable {
  @Override
  public void configure(FeatureContext context) {
    FaultInjector injector = FaultInjector.installed();
    if (injector != null && !context.getConfiguration().isRegistered(injector)) {
      context.register(injector);
    }
  }
}
