package dev.statefun.jakarta.smoke;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Works around a statefun-jaxrs bug while it lasts: {@code StatefulFunctionEndpoint.invoke} has no
 * {@code @Produces}, and Jersey finds no producible type for its {@code CompletionStage<Response>},
 * so it answers 406 to {@code Accept: application/octet-stream}, which is exactly what the StateFun
 * runtime sends. The smoke test probes the server first ({@link SmokeIT}) and turns this on only if
 * the probe gets the 406; it then also accepts any type, and the summary line says so. Once the
 * endpoint declares what it produces, the probe passes and this stays off.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class AcceptWorkaround implements ContainerRequestFilter {
  private static final AtomicBoolean ENABLED = new AtomicBoolean();
  private static final AtomicLong REWRITTEN = new AtomicLong();

  static void enable(boolean on) {
    ENABLED.set(on);
  }

  static boolean enabled() {
    return ENABLED.get();
  }

  static long rewritten() {
    return REWRITTEN.get();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String accept = request.getHeaderString(HttpHeaders.ACCEPT);
    if (ENABLED.get() && accept != null && !accept.contains("*/*")) {
      request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", */*;q=0.1");
      REWRITTEN.incrementAndGet();
    }
  }
}
