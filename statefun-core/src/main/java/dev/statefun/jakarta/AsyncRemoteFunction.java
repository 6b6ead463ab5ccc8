package dev.statefun.jakarta;

import dev.statefun.jakarta.message.Message;
import java.util.concurrent.CompletionStage;

/**
 * A stateful function that may finish later, for example after a non-blocking call to another
 * service. The next invocation of the batch starts only after the returned stage completes, so
 * invocations of one address still run strictly in order.
 *
 * <p>A stage completed exceptionally (or a throw) fails the whole batch, as for
 * {@link RemoteFunction}.
 */
@FunctionalInterface
public interface AsyncRemoteFunction {
  CompletionStage<Void> invoke(Context context, Message message) throws Exception;
}
