package dev.statefun.jakarta.smoke;

import dev.statefun.jakarta.handler.RequestReplyHandler;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps the StateFun handler and misbehaves on purpose, per call:
 * <ul>
 *   <li>a 500 before the handler runs (the runtime must retry the batch);
 *   <li>a lost reply: the handler ran and produced its effects, but the reply is replaced by a 500,
 *       so the runtime must retry and must not apply the first attempt;
 *   <li>a slow call: a pause before the handler (no thread held), below the runtime's call timeout.
 * </ul>
 * Which call gets what is decided from the seed and the call's sequence number. A lost reply due
 * on a call that did not end in 200 moves to the next call that does, so every scheduled lost
 * reply really follows a handler run. The first calls get one of each, so even a tiny run sees
 * every kind. Test code only: the embedded server serves it through {@link FaultyHandler}, an
 * alternative to statefun-cdi's handler bean, so the product code stays as it ships. The test's own
 * probe ({@link #PROBE_BODY}) passes untouched.
 */
public final class FaultInjector {
  private static final AtomicReference<FaultInjector> INSTALLED = new AtomicReference<>();
  /** The body of the test's own probe: malformed on purpose, answered 400 by the real handler. */
  static final byte[] PROBE_BODY = {1, 2, 3};

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

  /** Makes {@code injector} the one the handler consults from now on (null: none). */
  static void install(FaultInjector injector) {
    INSTALLED.set(injector);
  }

  static FaultInjector installed() {
    return INSTALLED.get();
  }

  /** One call through the injector to {@code handler}. */
  CompletionStage<byte[]> handle(RequestReplyHandler handler, byte[] request, int maxInvocations) {
    if (Arrays.equals(request, PROBE_BODY)) {
      return handler.handle(request, maxInvocations);
    }
    long call = calls.getAndIncrement();
    double draw = uniform(call, 0);
    // The first calls (the runtime's first contact, missing-state round trips) get one of each.
    boolean pre = call == 3 || draw < pre5xxRate;
    boolean lose = call == 5 || (!pre && draw < pre5xxRate + lostReplyRate);
    boolean slow = call == 7 || (!pre && !lose && draw < pre5xxRate + lostReplyRate + slowRate);
    if (pre) {
      pre5xx.incrementAndGet();
      return CompletableFuture.failedFuture(new InjectedFault("500 before the handler ran (call " + call + ")"));
    }
    boolean loseThis = lose || lostReplyPending.getAndSet(false);
    CompletionStage<byte[]> reply;
    if (slow) {
      long millis = 1 + (long) (uniform(call, 1) * slowMaxMillis);
      slowCalls.incrementAndGet();
      slowMillis.addAndGet(millis);
      reply = CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS))
          .thenCompose(ignored -> handler.handle(request, maxInvocations));
    } else {
      reply = handler.handle(request, maxInvocations);
    }
    return reply.handle((bytes, failure) -> {
      if (failure != null) {
        otherErrors.incrementAndGet();
        if (loseThis) {
          lostReplyPending.set(true);
        }
        throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
      }
      if (loseThis) {
        // The handler has run: its reply (state mutations, messages, egress) is dropped here.
        lostReplies.incrementAndGet();
        throw new InjectedFault("reply lost after the handler ran");
      }
      return bytes;
    });
  }

  /** What the injector fails a call with: the endpoint answers it 500. */
  static final class InjectedFault extends RuntimeException {
    InjectedFault(String message) {
      super("Injected fault: " + message, null, false, false);
    }
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
