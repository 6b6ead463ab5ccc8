package dev.statefun.jakarta.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every outcome reaches the observer once, with exact sizes and counts. */
class HandlerObserverTest {
  static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
  static final ValueSpec<String> NOTE = ValueSpec.of("note", Types.STRING);
  static final TypeName SYNC = TypeName.parse("obs.fns/sync");
  static final TypeName ASYNC = TypeName.parse("obs.fns/async");
  static final TypeName EGRESS = TypeName.parse("obs.io/out");

  final List<BatchObservation> seen = new CopyOnWriteArrayList<>();
  final CompletableFuture<Void> asyncGate = new CompletableFuture<>();
  final RequestReplyHandler handler = FunctionRegistry.builder()
      .register(FunctionSpec.builder(SYNC).withValueSpecs(COUNT, NOTE).withFunction((context, message) -> {
        String text = message.asString();
        if (text.equals("boom")) {
          throw new IllegalStateException("boom");
        }
        int count = context.storage().get(COUNT).orElse(0) + 1;
        context.storage().set(COUNT, count);
        context.send(MessageBuilder.forAddress(SYNC, "other").withValue(text).build());
        context.sendAfter(Duration.ofSeconds(1), CancellationToken.of("t-" + count), MessageBuilder
            .forAddress(SYNC, "later").withValue(text).build());
        context.cancelDelayedMessage(CancellationToken.of("t-old"));
        context.send(EgressMessage.of(EGRESS, Types.INT, count));
      }).build())
      .register(FunctionSpec.builder(ASYNC).withAsyncFunction((context, message) ->
          message.asString().equals("fail") ? CompletableFuture.failedFuture(new IllegalStateException("async boom"))
              : asyncGate).build())
      .build()
      .handler(List.of(seen::add));

  static Requests to(TypeName type, String id) {
    return Requests.to(type.namespace(), type.name(), id);
  }

  @Test
  void repliedBatchReportsSizesAndEffects() {
    byte[] request = to(SYNC, "a").state("count", Types.INT, 41).state("note", Types.STRING, "hi")
        .invoke(Types.STRING, "x").invoke(Types.STRING, "y").invoke(Types.STRING, "z").bytes();
    handler.handleBlocking(request);

    BatchObservation o = single();
    assertEquals(Optional.of(SYNC), o.functionType());
    assertEquals(Optional.of(new Address(SYNC, "a")), o.address());
    assertEquals(3, o.batchSize());
    assertEquals(BatchOutcome.REPLIED, o.outcome());
    assertEquals(Types.INT.serialize(41).length + Types.STRING.serialize("hi").length, o.stateBytesRead());
    assertEquals(Types.INT.serialize(44).length, o.stateBytesWritten());
    assertEquals(3, o.messages());
    assertEquals(3, o.delayedMessages());
    assertEquals(3, o.cancellations());
    assertEquals(3, o.egressRecords());
    assertEquals(OptionalInt.empty(), o.failedInvocation());
    assertEquals(Optional.empty(), o.failure());
    assertTrue(!o.duration().isNegative());
  }

  @Test
  void theHandlersObservationEqualsOneBuiltWithTheSameFacts() {
    handler.handleBlocking(to(SYNC, "a").state("count", Types.INT, 41).emptyState("note").invoke(Types.STRING, "x")
        .bytes());
    BatchObservation o = single();

    BatchObservation built = BatchObservation.builder(BatchOutcome.REPLIED, o.duration())
        .address(new Address(SYNC, "a")).batchSize(1)
        .stateBytesRead(Types.INT.serialize(41).length).stateBytesWritten(Types.INT.serialize(42).length)
        .effects(1, 1, 1, 1).build();
    assertEquals(built, o);
    assertEquals(built.hashCode(), o.hashCode());
    assertNotEquals(built, BatchObservation.builder(BatchOutcome.REPLIED, o.duration())
        .address(new Address(SYNC, "a")).batchSize(1).build(), "equal with other counts");

    // What a builder is not told is empty or 0, so a fact added later changes no caller.
    BatchObservation bare = BatchObservation.builder(BatchOutcome.MALFORMED_REQUEST, Duration.ZERO).build();
    assertEquals(Optional.empty(), bare.functionType());
    assertEquals(Optional.empty(), bare.address());
    assertEquals(OptionalInt.empty(), bare.failedInvocation());
    assertEquals(Optional.empty(), bare.failure());
    assertEquals(0, bare.batchSize() + bare.stateBytesRead() + bare.stateBytesWritten() + bare.messages()
        + bare.delayedMessages() + bare.cancellations() + bare.egressRecords());
  }

  @Test
  void asyncBatchIsReportedWhenItsStageCompletes() {
    CompletableFuture<byte[]> reply = handler.handle(to(ASYNC, "b").invoke(Types.STRING, "wait").bytes())
        .toCompletableFuture();
    assertEquals(List.of(), seen, "reported before the function's stage completed");
    asyncGate.complete(null);
    reply.join();

    BatchObservation o = single();
    assertEquals(BatchOutcome.REPLIED, o.outcome());
    assertEquals(1, o.batchSize());
    assertEquals(0, o.stateBytesRead());
    assertEquals(0, o.stateBytesWritten());
    assertEquals(0, o.messages() + o.delayedMessages() + o.cancellations() + o.egressRecords());
  }

  @Test
  void incompleteContextNamesTheFunctionAndRunsNothing() {
    handler.handleBlocking(to(SYNC, "c").state("count", Types.INT, 7).invoke(Types.STRING, "x").bytes());

    BatchObservation o = single();
    assertEquals(BatchOutcome.INCOMPLETE_CONTEXT, o.outcome());
    assertEquals(Optional.of(SYNC), o.functionType());
    assertEquals(1, o.batchSize());
    assertEquals(Types.INT.serialize(7).length, o.stateBytesRead());
    assertEquals(0, o.stateBytesWritten());
    assertEquals(0, o.messages() + o.delayedMessages() + o.cancellations() + o.egressRecords());
  }

  @Test
  void syncFailureNamesTheFailingInvocationAndReturnsNoEffects() {
    byte[] request = to(SYNC, "d").state("count", Types.INT, 1).emptyState("note")
        .invoke(Types.STRING, "ok").invoke(Types.STRING, "boom").invoke(Types.STRING, "never").bytes();
    // The same failure as without observers: the handler's own stage, not one wrapped behind them.
    assertInstanceOf(FunctionFailedException.class, handler.handle(request).toCompletableFuture()
        .handle((bytes, failure) -> failure).join());

    BatchObservation o = single();
    assertEquals(BatchOutcome.FUNCTION_FAILED, o.outcome());
    assertEquals(Optional.of(new Address(SYNC, "d")), o.address());
    assertEquals(3, o.batchSize());
    assertEquals(OptionalInt.of(1), o.failedInvocation());
    assertInstanceOf(FunctionFailedException.class, o.failure().orElseThrow());
    assertEquals(Types.INT.serialize(1).length, o.stateBytesRead());
    assertEquals(0, o.stateBytesWritten());
    assertEquals(0, o.messages() + o.delayedMessages() + o.cancellations() + o.egressRecords());
  }

  @Test
  void asyncFailureNamesTheFailingInvocation() {
    handler.handle(to(ASYNC, "e").invoke(Types.STRING, "fail").bytes()).toCompletableFuture()
        .handle((bytes, failure) -> null).join();

    BatchObservation o = single();
    assertEquals(BatchOutcome.FUNCTION_FAILED, o.outcome());
    assertEquals(OptionalInt.of(0), o.failedInvocation());
  }

  @Test
  void aBadArgumentTypenameAtALaterInvocationFailsTheBatchBeforeAnyInvocationRuns() {
    List<String> calls = new CopyOnWriteArrayList<>();
    RequestReplyHandler recording = FunctionRegistry.builder()
        .register(FunctionSpec.builder(ASYNC).withAsyncFunction((context, message) -> {
          calls.add(message.asString()); // stands for an outside call the function makes
          return CompletableFuture.completedFuture(null);
        }).build())
        .build().handler(List.of(seen::add));
    byte[] request = to(ASYNC, "k").invoke(Types.STRING, "a").invoke(Types.STRING, "b")
        .rawInvoke(TypedValue.newBuilder().setTypename("no-slash").setHasValue(true).build())
        .invoke(Types.STRING, "c").bytes();

    RequestFailure failure = HandlerProtocolTest.failureOf(recording, request);
    assertInstanceOf(MalformedRequestException.class, failure);
    assertEquals("Invocation 2 to obs.fns/async/k has an invalid argument typename: Invalid type name 'no-slash':"
        + " expected <namespace>/<name>, e.g. com.example.fns/greeter", failure.getMessage());
    assertEquals(List.of(), calls, "no invocation may run before the whole batch is known to be valid");

    BatchObservation o = single();
    assertEquals(BatchOutcome.MALFORMED_REQUEST, o.outcome());
    assertEquals(OptionalInt.of(2), o.failedInvocation());
    assertEquals(Optional.of(new Address(ASYNC, "k")), o.address());
    assertEquals(4, o.batchSize());
    assertEquals(Optional.of(failure), o.failure());
  }

  @Test
  void anInvalidCallerNamesItsInvocation() {
    handler.handle(to(SYNC, "m").invoke(Types.STRING, "x")
            .invokeFrom(Requests.address("", "fn", "1"), Types.STRING, "y").bytes())
        .toCompletableFuture().handle((bytes, failure) -> null).join();

    BatchObservation o = single();
    assertEquals(BatchOutcome.MALFORMED_REQUEST, o.outcome());
    assertEquals(OptionalInt.of(1), o.failedInvocation());
  }

  @Test
  void unknownFunctionCarriesTheRequestedType() {
    handler.handle(Requests.to("obs.fns", "nobody", "f").invoke(Types.STRING, "x").invoke(Types.STRING, "y").bytes())
        .toCompletableFuture().handle((bytes, failure) -> null).join();

    BatchObservation o = single();
    assertEquals(BatchOutcome.UNKNOWN_FUNCTION, o.outcome());
    assertEquals(Optional.of(TypeName.parse("obs.fns/nobody")), o.functionType());
    assertEquals(2, o.batchSize());
    assertInstanceOf(UnknownFunctionException.class, o.failure().orElseThrow());
  }

  @Test
  void malformedRequestHasNoFunctionType() {
    handler.handle(new byte[] {(byte) 0xff, 1, 2}).toCompletableFuture().handle((bytes, failure) -> null).join();

    BatchObservation o = single();
    assertEquals(BatchOutcome.MALFORMED_REQUEST, o.outcome());
    assertEquals(Optional.empty(), o.functionType());
    assertEquals(Optional.empty(), o.address());
    assertEquals(0, o.batchSize());
    assertInstanceOf(MalformedRequestException.class, o.failure().orElseThrow());
  }

  @Test
  void aRequestOverTheInvocationLimitIsTooLarge() {
    byte[] request = to(SYNC, "h").state("count", Types.INT, 1).emptyState("note")
        .invoke(Types.STRING, "a").invoke(Types.STRING, "b").invoke(Types.STRING, "c").bytes();
    handler.handle(request, 2).toCompletableFuture().handle((bytes, failure) -> null).join();

    BatchObservation o = single();
    assertEquals(BatchOutcome.REQUEST_TOO_LARGE, o.outcome());
    assertInstanceOf(RequestTooLargeException.class, o.failure().orElseThrow());
    assertEquals(0, o.stateBytesWritten());
    assertEquals(0, o.messages() + o.delayedMessages() + o.cancellations() + o.egressRecords());
  }

  @Test
  void aThrowingObserverLeavesTheReplyAndTheNextObserverAlone() {
    List<BatchObservation> second = new CopyOnWriteArrayList<>();
    List<BatchObservation> first = new CopyOnWriteArrayList<>();
    FunctionRegistry registry = FunctionRegistry.builder()
        .register(FunctionSpec.builder(SYNC).withValueSpecs(COUNT, NOTE).withFunction((context, message) -> {
          context.storage().set(COUNT, 7);
          context.send(MessageBuilder.forAddress(SYNC, "other").withValue(message.asString()).build());
        }).build()).build();
    RequestReplyHandler observed = registry.handler(List.of(o -> {
      first.add(o);
      throw new IllegalStateException("observer bug");
    }, second::add));
    byte[] request = to(SYNC, "g").state("count", Types.INT, 1).emptyState("note").invoke(Types.STRING, "x").bytes();

    byte[] reply = observed.handleBlocking(request);

    assertArrayEquals(registry.handler().handleBlocking(request), reply, "the reply an unobserved handler gives");
    assertEquals(1, first.size(), "the throwing observer was called");
    assertEquals(1, second.size());
    assertEquals(BatchOutcome.REPLIED, second.get(0).outcome());
    assertEquals(1, second.get(0).messages());
  }

  private BatchObservation single() {
    assertEquals(1, seen.size(), () -> "observations: " + seen);
    return seen.get(0);
  }
}
