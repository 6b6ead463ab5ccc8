package dev.statefun.jakarta.testing;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.Expiration;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Several functions run together as the StateFun runtime runs them, in one thread, on a virtual clock: a message
 * sent in goes to its function, whose messages go to theirs, until no message is left; delayed messages wait until
 * the test advances the clock past their time; cancellation tokens cancel them; state expires after write or after
 * call; egress records are kept. Every invocation goes through the real handler and the same bytes as
 * {@link FunctionTester}.
 *
 * <pre>{@code
 * TestRuntime runtime = TestRuntime.of(
 *     FunctionTester.specOf(Greeter.class, new Greeter(new GreetingFormatter())),
 *     FunctionTester.specOf(Inbox.class, new Inbox()));
 * runtime.send(MessageBuilder.forAddress(TypeName.parse("com.example.fns/greeter"), "bob").withValue("bob").build());
 * assertEquals(Optional.of(1), runtime.state(Address.of("com.example.fns/inbox", "bob"), Inbox.RECEIVED));
 * runtime.advance(Duration.ofMinutes(1));   // delivers what is due by then, in time order
 * }</pre>
 *
 * <p>As the runtime: state is kept per address; each address gets its messages in the order they were sent; a
 * cancellation token belongs to the address that sent the delayed message, and only that address cancels it; a
 * second pending delayed message with the same token from the same address fails (the runtime fails the job).
 * Unlike the runtime, every message is its own batch, and a message to a function type that is not registered fails
 * the {@code send} unless that type is declared {@linkplain #withFunctionServedElsewhere served elsewhere}, whose
 * messages are recorded instead.
 *
 * <p>Not thread-safe; create one per test. Time starts at zero and moves only in {@link #advance}.
 */
public final class TestRuntime {
  /** Bounds a cascade: functions that message each other forever fail the test instead of hanging it. */
  static final int MAX_DELIVERIES_PER_STEP = 10_000;

  private final Map<TypeName, FunctionTester> testers = new LinkedHashMap<>();
  private final Set<TypeName> servedElsewhere = new HashSet<>();
  private final Deque<Delivery.Pending> queue = new ArrayDeque<>();
  private final DelayedQueue delayed = new DelayedQueue(true);
  private final Map<Address, Map<String, Touched>> touched = new HashMap<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<EgressMessage> egress = new ArrayList<>();
  private final List<Message> recorded = new ArrayList<>();

  private TestRuntime(Collection<FunctionSpec> specs) {
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("a test runtime needs at least one function");
    }
    for (FunctionSpec spec : specs) {
      if (testers.putIfAbsent(spec.typeName(), FunctionTester.of(spec)) != null) {
        throw new IllegalArgumentException("two functions of type " + spec.typeName());
      }
    }
  }

  /**
   * A runtime of these functions.
   *
   * @param specs the functions, each with its type and state
   * @return a runtime at time zero with no state
   */
  public static TestRuntime of(FunctionSpec... specs) {
    return new TestRuntime(List.of(specs));
  }

  /**
   * A runtime of every function of {@code registry}.
   *
   * @param registry the functions
   * @return a runtime at time zero with no state
   */
  public static TestRuntime of(FunctionRegistry registry) {
    return new TestRuntime(registry.functions());
  }

  /**
   * A runtime of every function a CDI container serves, as it serves them (needs {@code statefun-cdi}, which a
   * {@code @StatefulFunction} class brings).
   *
   * @param functions the container's registry (inject it)
   * @return a runtime at time zero with no state
   */
  public static TestRuntime of(StatefulFunctionRegistry functions) {
    return of(functions.registry());
  }

  /**
   * Declares a function type that another application serves: messages to it are recorded ({@link #messagesTo})
   * rather than delivered.
   *
   * @param functionType the function type
   * @return this runtime
   */
  public TestRuntime withFunctionServedElsewhere(TypeName functionType) {
    if (testers.containsKey(functionType)) {
      throw new IllegalArgumentException(functionType + " is registered here");
    }
    servedElsewhere.add(Objects.requireNonNull(functionType, "functionType"));
    return this;
  }

  /** {@link #withFunctionServedElsewhere(TypeName)} with the type as text, {@code namespace/name}. */
  public TestRuntime withFunctionServedElsewhere(String functionType) {
    return withFunctionServedElsewhere(TypeName.parse(functionType));
  }

  /**
   * Stores a value for {@code address} before the next message, written now (for expiration).
   *
   * @return this runtime
   */
  public <T> TestRuntime withState(Address address, ValueSpec<T> valueSpec, T value) {
    tester(address).withState(address, valueSpec, value);
    touched(address).put(valueSpec.name(), new Touched(now(), now()));
    return this;
  }

  /** The value {@code address} has now: absent if never set, removed, or expired by now. */
  public <T> Optional<T> state(Address address, ValueSpec<T> valueSpec) {
    FunctionTester tester = tester(address);
    tester.checkDeclared(valueSpec);
    expire(address, tester);
    return tester.state(address, valueSpec);
  }

  /**
   * Sends a message from outside (an ingress, no caller) and delivers it and every message it causes, until none is
   * left. Delayed messages wait for {@link #advance}.
   *
   * @param message the message
   * @return the deliveries this caused, in order
   */
  public List<Delivery> send(Message message) {
    queue.add(new Delivery.Pending(Optional.empty(), Objects.requireNonNull(message, "message")));
    return drain();
  }

  /**
   * Moves the clock forward by {@code duration}, delivering every delayed message due by then in the order of its
   * time (then of sending), each with the messages it causes, at its own time. {@code advance(Duration.ZERO)}
   * delivers delayed messages due now.
   *
   * @param duration how far, not negative
   * @return the deliveries this caused, in order
   */
  public List<Delivery> advance(Duration duration) {
    return delayed.advance(duration, next -> {
      queue.add(new Delivery.Pending(Optional.of(next.sender()), next.message()));
      return drain();
    });
  }

  /** The virtual time since this runtime was made. */
  public Duration now() {
    return delayed.now();
  }

  /** Delayed messages not yet delivered nor cancelled, in the order they are due. */
  public List<DelayedMessage> pendingDelayedMessages() {
    return delayed.pending();
  }

  /** Every delivery so far, in order. */
  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Every egress message so far, in order (decode Kafka and Kinesis records with {@link EgressRecords}). */
  public List<EgressMessage> egress() {
    return List.copyOf(egress);
  }

  /** The egress messages so far to {@code egressType}, in order. */
  public List<EgressMessage> egress(TypeName egressType) {
    return egress.stream().filter(message -> message.target().equals(egressType)).toList();
  }

  /** The messages so far to a function type {@linkplain #withFunctionServedElsewhere served elsewhere}, in order. */
  public List<Message> messagesTo(TypeName functionType) {
    if (!servedElsewhere.contains(functionType)) {
      throw new IllegalArgumentException(functionType + " was not declared served elsewhere");
    }
    return recorded.stream().filter(message -> message.targetAddress().type().equals(functionType)).toList();
  }

  private List<Delivery> drain() {
    List<Delivery> caused = new ArrayList<>();
    while (!queue.isEmpty()) {
      if (caused.size() >= MAX_DELIVERIES_PER_STEP) {
        queue.clear();
        throw new IllegalStateException("more than " + MAX_DELIVERIES_PER_STEP
            + " deliveries without the clock moving: do functions message each other forever? The last: "
            + caused.get(caused.size() - 1).message());
      }
      Delivery.Pending pending = queue.poll();
      Address target = pending.message().targetAddress();
      if (servedElsewhere.contains(target.type())) {
        recorded.add(pending.message());
        continue;
      }
      FunctionTester tester = tester(target);
      expire(target, tester);
      FunctionTester.Exchange exchange = tester.invoke(pending.caller(), pending.message());
      record(target, tester, exchange);
      Delivery delivery = new Delivery(now(), pending.caller(), pending.message(), exchange.result());
      deliveries.add(delivery);
      caused.add(delivery);
    }
    return caused;
  }

  /** Applies what one invocation asked of the runtime, besides state (which the tester applied). */
  private void record(Address self, FunctionTester tester, FunctionTester.Exchange exchange) {
    InvocationResult result = exchange.result();
    Map<String, Touched> times = touched(self);
    for (ValueSpec<?> valueSpec : tester.spec().valueSpecs()) {
      // Every invocation reads every value (the runtime sends them all): that is the "call" of expire-after-call.
      Touched before = times.get(valueSpec.name());
      boolean written = result.stateChanges().get(valueSpec.name()) instanceof StateChange.Modified;
      if (written) {
        times.put(valueSpec.name(), new Touched(now(), now()));
      } else if (before != null) {
        times.put(valueSpec.name(), new Touched(before.written(), now()));
      }
    }
    result.stateChanges().forEach((name, change) -> {
      if (change instanceof StateChange.Deleted) {
        times.remove(name);
      }
    });
    delayed.record(self, exchange.delayedInOrder(), message -> true);
    for (Message message : result.messages()) {
      queue.add(new Delivery.Pending(Optional.of(self), message));
    }
    egress.addAll(result.egressMessages());
  }

  /** Drops the values of {@code address} whose time ran out, before the function or the test sees them. */
  private void expire(Address address, FunctionTester tester) {
    Map<String, Touched> times = touched(address);
    Map<String, byte[]> state = tester.stateFor(address);
    for (ValueSpec<?> valueSpec : tester.spec().valueSpecs()) {
      Touched when = times.get(valueSpec.name());
      Expiration expiration = valueSpec.expiration();
      if (when == null || expiration.mode() == Expiration.Mode.NONE) {
        continue;
      }
      Duration since = expiration.mode() == Expiration.Mode.AFTER_WRITE ? when.written() : when.called();
      if (now().compareTo(since.plus(expiration.duration())) >= 0) {
        state.remove(valueSpec.name());
        times.remove(valueSpec.name());
      }
    }
  }

  private FunctionTester tester(Address address) {
    FunctionTester tester = testers.get(Objects.requireNonNull(address, "address").type());
    if (tester == null) {
      throw new IllegalStateException("No function of type " + address.type() + " is registered (for " + address
          + "); registered: " + testers.keySet() + ". Register it, or declare it withFunctionServedElsewhere");
    }
    return tester;
  }

  private Map<String, Touched> touched(Address address) {
    return touched.computeIfAbsent(address, a -> new HashMap<>());
  }

  /** When a value was last written and last called with (both virtual times). */
  private record Touched(Duration written, Duration called) {}
}
