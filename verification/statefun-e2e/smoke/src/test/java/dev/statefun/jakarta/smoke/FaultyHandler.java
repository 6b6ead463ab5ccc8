package dev.statefun.jakarta.smoke;

import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * The handler the embedded server serves in the smoke test: statefun-cdi's, through the installed
 * {@link FaultInjector} (straight through when none is). An alternative with a priority, so CDI
 * picks it over statefun-cdi's handler bean without any change to the product.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class FaultyHandler implements RequestReplyHandler {
  @Inject
  StatefulFunctionRegistry registry;

  @Override
  public CompletionStage<byte[]> handle(byte[] request, int maxInvocations) {
    FaultInjector faults = FaultInjector.installed();
    return faults == null ? registry.handler().handle(request, maxInvocations)
        : faults.handle(registry.handler(), request, maxInvocations);
  }
}
