package dev.statefun.jakarta.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.FunctionDescriptor;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import dev.statefun.jakarta.function.FunctionClass;
import jakarta.inject.Inject;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.FromFunction.PersistedValueMutation.MutationType;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Unit-tests a function without HTTP, through the same handler and the same bytes the runtime
 * would exchange with it. The tester plays the runtime's part: it keeps each address's state,
 * answers the handler's request for missing state, and applies the returned mutations, so
 * consecutive invocations see each other's writes.
 *
 * <pre>{@code
 * FunctionTester tester = FunctionTester.of(Greeter.class, new Greeter(new GreetingFormatter()))
 *     .withState(bob, Greeter.SEEN, 4);
 * InvocationResult result = tester.invoke(MessageBuilder.forAddress(bob).withValue("bob").build());
 * assertEquals(Optional.of(5), result.state(Greeter.SEEN));
 * assertEquals("Hello bob", result.messages().get(0).asString());
 * }</pre>
 *
 * <p>With CDI, {@link #of(Class, StatefulFunctionRegistry)} tests the bean the container made, with its real
 * injected beans, scope and interceptors, e.g. in a weld-junit5 test ({@link StatefulFunctionWeld}):
 *
 * <pre>{@code
 * @EnableWeld
 * class GreeterBeanTest {
 *   @WeldSetup WeldInitiator weld = StatefulFunctionWeld.of(Greeter.class, GreetingFormatter.class);
 *   @Inject StatefulFunctionRegistry functions;
 *
 *   @Test void greets() {
 *     FunctionTester tester = FunctionTester.of(Greeter.class, functions);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * Not thread-safe; create one per test.
 */
public final class FunctionTester {
  private final FunctionSpec spec;
  private final RequestReplyHandler handler;
  private final Map<Address, Map<String, byte[]>> stateByAddress = new HashMap<>();
  /** Delayed messages to this function type, for {@link #advance}; messages to other types are only reported. */
  private final DelayedQueue delayed = new DelayedQueue(false);

  private FunctionTester(FunctionSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.handler = FunctionRegistry.builder().register(spec).build().handler();
  }

  /**
   * A tester of the function {@code spec} describes.
   *
   * @param spec the function, its type and its state
   * @return a tester with no stored state
   */
  public static FunctionTester of(FunctionSpec spec) {
    return new FunctionTester(spec);
  }

  /**
   * A tester of {@code instance}, an instance of the {@code @StatefulFunction} class {@code functionClass}: its
   * type and state are read from the class by the rules the CDI extension applies, so a test cannot repeat them
   * wrongly, and a class the deployment would refuse fails here with the same messages.
   *
   * @param functionClass the {@code @StatefulFunction} class
   * @param instance the instance to invoke, made by the test (collaborators of its own choosing)
   * @param <F> the function class
   * @return a tester with no stored state
   * @throws IllegalStateException if the class breaks a rule of function classes, with every problem
   */
  public static <F> FunctionTester of(Class<F> functionClass, F instance) {
    return new FunctionTester(specOf(functionClass, instance));
  }

  /**
   * The {@link FunctionSpec} the deployment makes of the {@code @StatefulFunction} class {@code functionClass},
   * invoking {@code instance}: for {@link TestRuntime#of(FunctionSpec...)}.
   *
   * @param functionClass the {@code @StatefulFunction} class
   * @param instance the instance to invoke, made by the test
   * @param <F> the function class
   * @return the spec: the class's type and state, the instance
   * @throws IllegalStateException if the class breaks a rule of function classes, with every problem
   */
  public static <F> FunctionSpec specOf(Class<F> functionClass, F instance) {
    Objects.requireNonNull(instance, "instance");
    if (!functionClass.isInstance(instance)) {
      throw new IllegalArgumentException(instance + " is no " + functionClass.getName());
    }
    FunctionClass described = FunctionClass.inspect(functionClass, StatefulFunction.class, StatefulFunction::value,
        FunctionClass.annotatedWith(Inject.class));
    return described.toSpec(instance);
  }

  /**
   * A tester of the {@code @StatefulFunction} bean {@code functionClass} as the CDI container serves it: the
   * type and state the deployment validated, every invocation through the bean's contextual reference.
   *
   * @param functionClass the {@code @StatefulFunction} class
   * @param functions the container's registry (inject it)
   * @return a tester with no stored state
   * @throws IllegalArgumentException if the container serves no function of that class
   */
  public static FunctionTester of(Class<?> functionClass, StatefulFunctionRegistry functions) {
    Objects.requireNonNull(functionClass, "functionClass");
    FunctionDescriptor descriptor = functions.functions().stream()
        .filter(function -> function.beanClass().equals(functionClass))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("The container serves no function of class "
            + functionClass.getName() + " (it serves " + functions.functions().stream()
                .map(function -> function.beanClass().getName()).toList()
            + "): annotate it with @StatefulFunction and add it to the container, e.g. to StatefulFunctionWeld.of(...)"));
    return new FunctionTester(functions.registry().find(descriptor.typeName()).orElseThrow());
  }

  /** Stores a value for {@code address} before the next invocation. */
  public <T> FunctionTester withState(Address address, ValueSpec<T> valueSpec, T value) {
    checkDeclared(valueSpec);
    Objects.requireNonNull(value, "value: to start without a value, just don't set it");
    stateFor(address).put(valueSpec.name(), valueSpec.type().serialize(value));
    return this;
  }

  /** The value currently stored for {@code address}. */
  public <T> Optional<T> state(Address address, ValueSpec<T> valueSpec) {
    checkDeclared(valueSpec);
    byte[] bytes = stateFor(address).get(valueSpec.name());
    return bytes == null ? Optional.empty() : Optional.of(valueSpec.type().deserialize(bytes));
  }

  /** Invokes the function with messages from an ingress (no caller), as one batch. */
  public InvocationResult invoke(Message... messages) {
    return invokeAndSchedule(Optional.empty(), messages);
  }

  /** Invokes the function with messages sent by {@code caller}, as one batch. */
  public InvocationResult invokeFrom(Address caller, Message... messages) {
    return invokeAndSchedule(Optional.of(caller), messages);
  }

  /**
   * Moves the tester's virtual clock (zero at first) forward and delivers the delayed messages the function sent to
   * its own type that are due by then, in time order, each from the address that sent it, unless cancelled by that
   * address. Delayed messages to other function types are only reported in their {@link InvocationResult}; run
   * several functions with {@link TestRuntime}.
   *
   * @param duration how far, not negative
   * @return the results of the deliveries, in order
   */
  public List<InvocationResult> advance(Duration duration) {
    return delayed.advance(duration,
        next -> List.of(invokeAndSchedule(Optional.of(next.sender()), next.message())));
  }

  /** The delayed messages to this function type not yet delivered by {@link #advance} nor cancelled, by due time. */
  public List<DelayedMessage> pendingDelayedMessages() {
    return delayed.pending();
  }

  private InvocationResult invokeAndSchedule(Optional<Address> caller, Message... messages) {
    Exchange exchange = invoke(caller, messages);
    delayed.record(messages[0].targetAddress(), exchange.delayedInOrder(),
        message -> message.targetAddress().type().equals(spec.typeName()));
    return exchange.result();
  }

  /**
   * One batch's result, and its delayed messages and cancellations as one list in the order the function made them
   * (a {@link DelayedMessage} or a {@link CancellationToken} each): the runtime applies them in that order, so a
   * message scheduled and then cancelled in one invocation never arrives.
   */
  record Exchange(InvocationResult result, List<Object> delayedInOrder) {}

  /** One batch through the handler, state applied; no delayed message is kept (the caller keeps them). */
  Exchange invoke(Optional<Address> caller, Message... messages) {
    if (messages.length == 0) {
      throw new IllegalArgumentException("invoke needs at least one message");
    }
    Address self = messages[0].targetAddress();
    if (!self.type().equals(spec.typeName())) {
      throw new IllegalArgumentException("The message targets " + self + ", not a " + spec.typeName() + " function");
    }
    for (Message message : messages) {
      if (!message.targetAddress().equals(self)) {
        throw new IllegalArgumentException("All messages of one batch must target the same address: "
            + self + " and " + message.targetAddress());
      }
    }
    Map<String, byte[]> state = stateFor(self);
    FromFunction reply = exchange(request(self, caller, state, messages));
    if (reply.hasIncompleteInvocationContext()) {
      // The tester registers every declared value up front, so this means the handler disagrees.
      throw new IllegalStateException("The handler asked for state the tester provided: " + reply);
    }
    return apply(self, state, reply.getInvocationResult());
  }

  private ToFunction request(Address self, Optional<Address> caller, Map<String, byte[]> state, Message[] messages) {
    ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder()
        .setTarget(toProto(self));
    for (ValueSpec<?> valueSpec : spec.valueSpecs()) {
      byte[] value = state.get(valueSpec.name());
      TypedValue.Builder typed = TypedValue.newBuilder().setTypename(valueSpec.type().typeName().canonical());
      if (value != null) {
        typed.setHasValue(true).setValue(ByteString.copyFrom(value));
      }
      batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(valueSpec.name()).setStateValue(typed));
    }
    for (Message message : messages) {
      ToFunction.Invocation.Builder invocation = ToFunction.Invocation.newBuilder()
          .setArgument(TypedValue.newBuilder().setTypename(message.valueTypeName().canonical()).setHasValue(true)
              .setValue(ByteString.copyFrom(message.rawValue())));
      caller.ifPresent(address -> invocation.setCaller(toProto(address)));
      batch.addInvocations(invocation);
    }
    return ToFunction.newBuilder().setInvocation(batch).build();
  }

  private FromFunction exchange(ToFunction request) {
    byte[] reply = handler.handleBlocking(request.toByteArray());
    try {
      return FromFunction.parseFrom(reply);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("The handler wrote an invalid reply", e);
    }
  }

  private Exchange apply(Address self, Map<String, byte[]> state, FromFunction.InvocationResponse response) {
    Map<String, StateChange> changes = new LinkedHashMap<>();
    for (FromFunction.PersistedValueMutation mutation : response.getStateMutationsList()) {
      if (mutation.getMutationType() == MutationType.MODIFY) {
        byte[] value = mutation.getStateValue().getValue().toByteArray();
        state.put(mutation.getStateName(), value);
        changes.put(mutation.getStateName(), new StateChange.Modified(
            TypeName.parse(mutation.getStateValue().getTypename()), value));
      } else {
        state.remove(mutation.getStateName());
        changes.put(mutation.getStateName(), new StateChange.Deleted());
      }
    }
    List<Message> sent = new ArrayList<>();
    for (FromFunction.Invocation invocation : response.getOutgoingMessagesList()) {
      sent.add(toMessage(invocation.getTarget(), invocation.getArgument()));
    }
    List<DelayedMessage> delayed = new ArrayList<>();
    List<CancellationToken> cancellations = new ArrayList<>();
    List<Object> inOrder = new ArrayList<>();
    for (FromFunction.DelayedInvocation invocation : response.getDelayedInvocationsList()) {
      if (invocation.getIsCancellationRequest()) {
        cancellations.add(CancellationToken.of(invocation.getCancellationToken()));
        inOrder.add(cancellations.get(cancellations.size() - 1));
      } else {
        delayed.add(new DelayedMessage(Duration.ofMillis(invocation.getDelayInMs()),
            invocation.getCancellationToken().isEmpty()
                ? Optional.empty() : Optional.of(CancellationToken.of(invocation.getCancellationToken())),
            toMessage(invocation.getTarget(), invocation.getArgument())));
        inOrder.add(delayed.get(delayed.size() - 1));
      }
    }
    List<EgressMessage> egress = new ArrayList<>();
    for (FromFunction.EgressMessage message : response.getOutgoingEgressesList()) {
      egress.add(EgressMessage.ofRaw(TypeName.of(message.getEgressNamespace(), message.getEgressType()),
          TypeName.parse(message.getArgument().getTypename()), message.getArgument().getValue().toByteArray()));
    }
    Map<String, byte[]> after = new HashMap<>();
    state.forEach((name, bytes) -> after.put(name, bytes.clone()));
    return new Exchange(new InvocationResult(spec, sent, delayed, cancellations, egress, changes, after),
        List.copyOf(inOrder));
  }

  private static Message toMessage(dev.statefun.jakarta.internal.protocol.Address target, TypedValue argument) {
    return Message.ofRaw(new Address(TypeName.of(target.getNamespace(), target.getType()), target.getId()),
        TypeName.parse(argument.getTypename()), argument.getValue().toByteArray());
  }

  private static dev.statefun.jakarta.internal.protocol.Address toProto(Address address) {
    return dev.statefun.jakarta.internal.protocol.Address.newBuilder()
        .setNamespace(address.type().namespace())
        .setType(address.type().name())
        .setId(address.id())
        .build();
  }

  /** The stored values of {@code address} by state name: the tester's own map, which {@link TestRuntime} expires. */
  Map<String, byte[]> stateFor(Address address) {
    return stateByAddress.computeIfAbsent(Objects.requireNonNull(address, "address"), a -> new HashMap<>());
  }

  FunctionSpec spec() {
    return spec;
  }

  void checkDeclared(ValueSpec<?> valueSpec) {
    if (!spec.valueSpecs().contains(valueSpec)) {
      throw new IllegalArgumentException("Function " + spec.typeName() + " does not declare " + valueSpec);
    }
  }
}
