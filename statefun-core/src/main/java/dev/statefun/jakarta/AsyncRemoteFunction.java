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
 *
 * <p>Threads: what continues the stage (a {@code thenAccept}, say) runs on the thread that
 * completed it, the HTTP client's or the common pool's, and so does the batch's next invocation.
 * The handler runs its own part there with the request thread's context class loader, so that the
 * server finds the application's beans (the next invocation goes through the function's client
 * proxy). Your continuations may use the {@link Context} from any thread; if they call injected
 * beans, complete the stage on a thread the container knows, e.g. {@code thenAcceptAsync(...,
 * managedExecutor)} with the server's {@code ManagedExecutorService}: an application server may
 * refuse a contextual reference on a foreign thread (GlassFish 8: WELD-000229), and request scope,
 * {@code java:comp} and the security context are not there anyway.
 */
@FunctionalInterface
public interface AsyncRemoteFunction {
  CompletionStage<Void> invoke(Context context, Message message) throws Exception;
}
