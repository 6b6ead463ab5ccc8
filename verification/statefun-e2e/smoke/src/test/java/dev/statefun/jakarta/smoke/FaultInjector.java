package dev.statefun.jakarta.smoke;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JAX-RS filter around the StateFun endpoint that misbehaves on purpose, per call:
 * <ul>
 *   <li>503 before the handler runs (the runtime must retry the batch);
 *   <li>a lost reply: the handler ran and produced its effects, but the reply is replaced by a 500,
 *       so the runtime must retry and must not apply the first attempt;
 *   <li>a slow call: a pause before the handler, below the runtime's call timeout.
 * </ul>
 * Which call gets what is decided from the seed and the call's sequence number. A lost reply due
 * on a call that did not end in 200 moves to the next call that does, so every scheduled lost
 * reply really follows a handler run. The first calls get one of each, so even a tiny run sees
 * every kind. Test code only: installed into the embedded server's Jersey application by
 * {@link SmokeFilters}. Requests carrying {@value #PROBE_HEADER} (the test's own probes) pass untouched.
 */
public final class FaultInjector implements ContainerRequestFilter, ContainerResponseFilter {
  private static final AtomicReference<FaultInjector> INSTALLED = new AtomicReference<>();
  private static final String LOSE_REPLY = FaultInjector.class.getName() + ".loseReply";
  static final String PROBE_HEADER = "X-Smoke-Probe";
  private static final String ABORTED = FaultInjector.class.getName() + ".aborted";

  private final long seed;
  private final double pre5xxRate;
  private final double lostReplyRate;
  private final double slowRate;
  private final long slowMaxMillis;
  private final AtomicBoolean lostReplyPending = new AtomicBoolean();

  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong pre5xx = new AtomicLong();
  private final AtomicLong lostReplies = new AtomicLong();
  private final AtomicLong slowCalls = new AtomicLong();
  private final AtomicLong slowMillis = new AtomicLong();
  private final AtomicLong otherErrors = new AtomicLong();

  FaultInjector(long seed, double pre5xxRate, double lostReplyRate, double slowRate, Duration slowMax) {
    this.seed = seed;
    this.pre5xxRate = pre5xxRate;
    this.lostReplyRate = lostReplyRate;
    this.slowRate = slowRate;
    this.slowMaxMillis = Math.max(1, slowMax.toMillis());
  }

  /** Makes {@code injector} the one the next Jersey application picks up. */
  static void install(FaultInjector injector) {
    INSTALLED.set(injector);
  }

  static FaultInjector installed() {
    return INSTALLED.get();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getHeaderString(PROBE_HEADER) != null) {
      return;
    }
    long call = calls.getAndIncrement();
    double draw = uniform(call, 0);
    // The first calls (the runtime's first contact, missing-state round trips) get one of each.
    boolean pre = call == 3 || draw < pre5xxRate;
    boolean lose = call == 5 || (!pre && draw < pre5xxRate + lostReplyRate);
    boolean slow = call == 7 || (!pre && !lose && draw < pre5xxRate + lostReplyRate + slowRate);
    if (pre) {
      pre5xx.incrementAndGet();
      request.setProperty(ABORTED, Boolean.TRUE);
      request.abortWith(Response.status(503).type(MediaType.TEXT_PLAIN_TYPE)
          .entity("Injected fault: 503 before the handler ran (call " + call + ")").build());
      return;
    }
    if (slow) {
      long millis = 1 + (long) (uniform(call, 1) * slowMaxMillis);
      slowCalls.incrementAndGet();
      slowMillis.addAndGet(millis);
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (lose || lostReplyPending.getAndSet(false)) {
      request.setProperty(LOSE_REPLY, Boolean.TRUE);
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getHeaderString(PROBE_HEADER) != null) {
      return;
    }
    int status = response.getStatus();
    boolean lose = Boolean.TRUE.equals(request.getProperty(LOSE_REPLY));
    if (status != 200) {
      if (!Boolean.TRUE.equals(request.getProperty(ABORTED))) {
        otherErrors.incrementAndGet();
      }
      if (lose) {
        lostReplyPending.set(true);
      }
      return;
    }
    if (!lose) {
      return;
    }
    // The handler has run: its reply (state mutations, messages, egress) is dropped here.
    lostReplies.incrementAndGet();
    response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
    response.setStatus(500);
    response.setEntity("Injected fault: reply lost after the handler ran", null, MediaType.TEXT_PLAIN_TYPE);
  }

  /** A reproducible draw in [0, 1) for this call (SplitMix64 of seed, call and stream). */
  private double uniform(long call, int stream) {
    long z = seed + call * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  long calls() {
    return calls.get();
  }

  long pre5xx() {
    return pre5xx.get();
  }

  long lostReplies() {
    return lostReplies.get();
  }

  long injected5xx() {
    return pre5xx.get() + lostReplies.get();
  }

  long slowCalls() {
    return slowCalls.get();
  }

  long slowMillis() {
    return slowMillis.get();
  }

  /** Non-2xx answers the injector did not cause (the endpoint's own errors): must stay 0. */
  long otherErrors() {
    return otherErrors.get();
  }
}
