package dev.statefun.jakarta.handler;

import static dev.statefun.jakarta.testkit.Requests.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.egress.KafkaEgressMessage;
import dev.statefun.jakarta.egress.KinesisEgressMessage;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.FromFunction.ExpirationSpec.ExpireMode;
import dev.statefun.jakarta.internal.protocol.FromFunction.PersistedValueMutation.MutationType;
import dev.statefun.jakarta.internal.protocol.IntWrapper;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.KinesisEgressRecord;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Pins down the request-reply protocol, row by row of docs/protocol.md. */
class HandlerProtocolTest {
  static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
  static final ValueSpec<String> NAME = ValueSpec.of("name", Types.STRING).expireAfterWrite(Duration.ofMinutes(5));
  static final ValueSpec<Long> SEEN_AT = ValueSpec.of("seen_at", Types.LONG).expireAfterCall(Duration.ofSeconds(90));
  static final TypeName FN = TypeName.parse("test.fns/fn");
  static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();

  @AfterAll
  static void stop() {
    LATER.shutdownNow();
  }

  static RequestReplyHandler serve(RemoteFunction function, ValueSpec<?>... specs) {
    return FunctionRegistry.builder()
        .register(FunctionSpec.builder(FN).withValueSpecs(specs).withFunction(function).build())
        .build().handler();
  }

  static RequestReplyHandler serveAsync(AsyncRemoteFunction function, ValueSpec<?>... specs) {
    return FunctionRegistry.builder()
        .register(FunctionSpec.builder(FN).withValueSpecs(specs).withAsyncFunction(function).build())
        .build().handler();
  }

  static Requests request() {
    return Requests.to("test.fns", "fn", "id-1");
  }

  static RequestFailure failureOf(RequestReplyHandler handler, byte[] request) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> handler.handle(request).toCompletableFuture().join());
    return assertInstanceOf(RequestFailure.class, e.getCause());
  }

  // ---- missing state

  @Test
  void missingStateIsRequestedInDeclarationOrderAndNothingRuns() {
    AtomicInteger runs = new AtomicInteger();
    RequestReplyHandler handler = serve((c, m) -> runs.incrementAndGet(), COUNT, NAME, SEEN_AT);
    FromFunction reply = reply(handler, request().state("name", Types.STRING, "x").invoke(Types.INT, 1).bytes());
    assertTrue(reply.hasIncompleteInvocationContext());
    var missing = reply.getIncompleteInvocationContext().getMissingValuesList();
    assertEquals(2, missing.size(), "only the missing specs are listed");
    assertEquals("count", missing.get(0).getStateName());
    assertEquals("io.statefun.types/int", missing.get(0).getTypeTypename());
    assertEquals(ExpireMode.NONE, missing.get(0).getExpirationSpec().getMode());
    assertEquals("seen_at", missing.get(1).getStateName());
    assertEquals("io.statefun.types/long", missing.get(1).getTypeTypename());
    assertEquals(ExpireMode.AFTER_INVOKE, missing.get(1).getExpirationSpec().getMode());
    assertEquals(90_000, missing.get(1).getExpirationSpec().getExpireAfterMillis());
    assertEquals(0, runs.get(), "nothing runs while state is missing");

    FromFunction all = reply(handler, request().invoke(Types.INT, 1).bytes());
    var names = all.getIncompleteInvocationContext().getMissingValuesList();
    assertEquals(List.of("count", "name", "seen_at"), names.stream().map(v -> v.getStateName()).toList());
    assertEquals(ExpireMode.AFTER_WRITE, names.get(1).getExpirationSpec().getMode());
    assertEquals(300_000, names.get(1).getExpirationSpec().getExpireAfterMillis());
  }

  @Test
  void nameOnlyStateIsPresentButEmptyAndZeroLengthIsAZeroValue() {
    List<Optional<Integer>> seen = new ArrayList<>();
    RequestReplyHandler handler = serve((c, m) -> seen.add(c.storage().get(COUNT)), COUNT);
    FromFunction reply = reply(handler, request().emptyState("count").invoke(Types.INT, 1).bytes());
    assertTrue(reply.hasInvocationResult());
    assertEquals(Optional.empty(), seen.get(0), "a name-only state is absent");

    reply(handler, request().rawState("count", TypedValue.newBuilder().setTypename("io.statefun.types/int")
        .setHasValue(true).build()).invoke(Types.INT, 1).bytes());
    assertEquals(Optional.of(0), seen.get(1), "zero bytes with has_value is the zero value, not absent");
  }

  @Test
  void undeclaredExtraStatesAreIgnored() {
    RequestReplyHandler handler = serve((c, m) -> c.storage().set(COUNT, 1), COUNT);
    FromFunction reply = reply(handler, request().state("other", Types.STRING, "x").state("count", Types.INT, 5)
        .invoke(Types.INT, 1).bytes());
    assertEquals(1, reply.getInvocationResult().getStateMutationsCount());
    assertEquals("count", reply.getInvocationResult().getStateMutations(0).getStateName());
  }

  @Test
  void stateTypenameMismatchIsRejected() {
    RequestReplyHandler handler = serve((c, m) -> {}, COUNT);
    RequestFailure failure = failureOf(handler, request().state("count", Types.LONG, 5L).invoke(Types.INT, 1).bytes());
    assertInstanceOf(MalformedRequestException.class, failure);
    assertTrue(failure.getMessage().contains("'count'") && failure.getMessage().contains("io.statefun.types/long"),
        failure.getMessage());
  }

  // ---- state within a batch

  @Test
  void invocationsOfABatchShareStorageAndOnlyTheNetMutationIsSent() {
    RequestReplyHandler handler = serve((c, m) -> c.storage().set(COUNT, c.storage().get(COUNT).orElse(0) + m.asInt()),
        COUNT);
    FromFunction reply = reply(handler, request().state("count", Types.INT, 10)
        .invoke(Types.INT, 1).invoke(Types.INT, 2).invoke(Types.INT, 3).bytes());
    var mutations = reply.getInvocationResult().getStateMutationsList();
    assertEquals(1, mutations.size());
    assertEquals(MutationType.MODIFY, mutations.get(0).getMutationType());
    assertEquals("io.statefun.types/int", mutations.get(0).getStateValue().getTypename());
    assertTrue(mutations.get(0).getStateValue().getHasValue());
    assertEquals(16, Types.INT.deserialize(mutations.get(0).getStateValue().getValue().toByteArray()));
  }

  @Test
  void readOnlyProducesNoMutation() {
    RequestReplyHandler handler = serve((c, m) -> c.storage().get(COUNT), COUNT);
    assertEquals(0, reply(handler, request().state("count", Types.INT, 3).invoke(Types.INT, 1).bytes())
        .getInvocationResult().getStateMutationsCount());
  }

  @Test
  void settingTheSameValueIsStillAModify() {
    RequestReplyHandler handler = serve((c, m) -> c.storage().set(COUNT, 3), COUNT);
    var mutation = reply(handler, request().state("count", Types.INT, 3).invoke(Types.INT, 1).bytes())
        .getInvocationResult().getStateMutations(0);
    assertEquals(MutationType.MODIFY, mutation.getMutationType());
  }

  @Test
  void settingZeroSendsZeroBytesWithHasValue() {
    RequestReplyHandler handler = serve((c, m) -> c.storage().set(COUNT, 0), COUNT);
    var mutation = reply(handler, request().emptyState("count").invoke(Types.INT, 1).bytes())
        .getInvocationResult().getStateMutations(0);
    assertEquals(MutationType.MODIFY, mutation.getMutationType());
    assertTrue(mutation.getStateValue().getHasValue());
    assertEquals(ByteString.EMPTY, mutation.getStateValue().getValue());
  }

  @Test
  void removeOfAnAbsentValueIsADelete() {
    RequestReplyHandler handler = serve((c, m) -> c.storage().remove(COUNT), COUNT);
    var mutation = reply(handler, request().emptyState("count").invoke(Types.INT, 1).bytes())
        .getInvocationResult().getStateMutations(0);
    assertEquals(MutationType.DELETE, mutation.getMutationType());
    assertFalse(mutation.hasStateValue(), "a delete carries no value");
  }

  @Test
  void setThenRemoveIsADeleteAndRemoveThenSetIsAModify() {
    RequestReplyHandler setRemove = serve((c, m) -> {
      c.storage().set(COUNT, 7);
      c.storage().remove(COUNT);
      assertEquals(Optional.empty(), c.storage().get(COUNT));
    }, COUNT);
    assertEquals(MutationType.DELETE, reply(setRemove, request().state("count", Types.INT, 1).invoke(Types.INT, 1)
        .bytes()).getInvocationResult().getStateMutations(0).getMutationType());

    RequestReplyHandler removeSet = serve((c, m) -> {
      c.storage().remove(COUNT);
      c.storage().set(COUNT, 8);
    }, COUNT);
    var mutation = reply(removeSet, request().state("count", Types.INT, 1).invoke(Types.INT, 1).bytes())
        .getInvocationResult().getStateMutations(0);
    assertEquals(MutationType.MODIFY, mutation.getMutationType());
    assertEquals(8, Types.INT.deserialize(mutation.getStateValue().getValue().toByteArray()));

    // Across invocations of one batch too.
    RequestReplyHandler alternate = serve((c, m) -> {
      if (m.asInt() == 1) {
        c.storage().set(COUNT, 1);
      } else {
        c.storage().remove(COUNT);
      }
    }, COUNT);
    assertEquals(MutationType.DELETE, reply(alternate, request().emptyState("count").invoke(Types.INT, 1)
        .invoke(Types.INT, 2).bytes()).getInvocationResult().getStateMutations(0).getMutationType());
    assertEquals(MutationType.MODIFY, reply(alternate, request().emptyState("count").invoke(Types.INT, 2)
        .invoke(Types.INT, 1).bytes()).getInvocationResult().getStateMutations(0).getMutationType());
  }

  @Test
  void mutationsFollowDeclarationOrder() {
    RequestReplyHandler handler = serve((c, m) -> {
      c.storage().set(SEEN_AT, 5L);
      c.storage().remove(NAME);
      c.storage().set(COUNT, 1);
    }, COUNT, NAME, SEEN_AT);
    var mutations = reply(handler, request().emptyState("count").emptyState("name").emptyState("seen_at")
        .invoke(Types.INT, 1).bytes()).getInvocationResult().getStateMutationsList();
    assertEquals(List.of("count", "name", "seen_at"), mutations.stream().map(v -> v.getStateName()).toList());
  }

  // ---- addresses, callers, messages

  @Test
  void unicodeIdsAndCallersRoundTrip() {
    TypeName inbox = TypeName.parse("test.fns/inbox");
    AtomicReference<Optional<dev.statefun.jakarta.Address>> caller = new AtomicReference<>();
    AtomicReference<String> self = new AtomicReference<>();
    RequestReplyHandler handler = serve((c, m) -> {
      caller.set(c.caller());
      self.set(c.self().id());
      c.send(MessageBuilder.forAddress(inbox, c.self().id() + "→📬").withValue(m.asString()).build());
    });
    FromFunction reply = reply(handler, Requests.to("test.fns", "fn", "zoë-日本-😀")
        .invokeFrom(Requests.address("other.ns", "caller", "ïd-𝄞"), Types.STRING, "hi").bytes());
    assertEquals("zoë-日本-😀", self.get());
    assertEquals(Optional.of(new dev.statefun.jakarta.Address(TypeName.parse("other.ns/caller"), "ïd-𝄞")), caller.get());
    var out = reply.getInvocationResult().getOutgoingMessages(0);
    assertEquals("zoë-日本-😀→📬", out.getTarget().getId());
    assertEquals("test.fns", out.getTarget().getNamespace());
    assertEquals("inbox", out.getTarget().getType());
    assertEquals("io.statefun.types/string", out.getArgument().getTypename());

    reply(handler, request().invoke(Types.STRING, "from ingress").bytes());
    assertEquals(Optional.empty(), caller.get(), "no caller for an ingress message");
  }

  @Test
  void messagesAreTypedAndWrongTypeReadsFailClearly() {
    AtomicReference<Throwable> wrongRead = new AtomicReference<>();
    RequestReplyHandler handler = serve((c, m) -> {
      assertTrue(m.isLong());
      assertEquals(Long.MIN_VALUE, m.asLong());
      assertEquals("io.statefun.types/long", m.valueTypeName().canonical());
      wrongRead.set(assertThrows(IllegalStateException.class, m::asString));
    });
    reply(handler, request().invoke(Types.LONG, Long.MIN_VALUE).bytes());
    assertTrue(wrongRead.get().getMessage().contains("io.statefun.types/long")
        && wrongRead.get().getMessage().contains("io.statefun.types/string"), wrongRead.get().getMessage());
  }

  @Test
  void delayedMessagesAndCancellations() {
    TypeName target = TypeName.parse("test.fns/timer");
    RequestReplyHandler handler = serve((c, m) -> {
      Message message = MessageBuilder.forAddress(target, "t").withValue("ring").build();
      c.sendAfter(Duration.ofSeconds(30), message);
      c.sendAfter(Duration.ofMillis(1500), CancellationToken.of("tok-1"), message);
      c.cancelDelayedMessage(CancellationToken.of("tok-1"));
      c.sendAfter(Duration.ofNanos(1), message);
    });
    var delayed = reply(handler, request().invoke(Types.INT, 1).bytes()).getInvocationResult()
        .getDelayedInvocationsList();
    assertEquals(4, delayed.size());
    assertEquals(30_000, delayed.get(0).getDelayInMs());
    assertEquals("", delayed.get(0).getCancellationToken());
    assertFalse(delayed.get(0).getIsCancellationRequest());
    assertEquals("ring", Types.STRING.deserialize(delayed.get(0).getArgument().getValue().toByteArray()));
    assertEquals(1500, delayed.get(1).getDelayInMs());
    assertEquals("tok-1", delayed.get(1).getCancellationToken());
    var cancellation = delayed.get(2);
    assertTrue(cancellation.getIsCancellationRequest());
    assertEquals("tok-1", cancellation.getCancellationToken());
    assertFalse(cancellation.hasTarget(), "a cancellation carries only its token");
    assertFalse(cancellation.hasArgument());
    assertEquals(0, cancellation.getDelayInMs());
    assertEquals(1, delayed.get(3).getDelayInMs(), "sub-millisecond delays round up");
  }

  @Test
  void negativeDelaysAndEmptyTokensAreRejectedAtTheCall() {
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    RequestReplyHandler handler = serve((c, m) -> {
      Message message = MessageBuilder.forAddress(c.self()).withValue(1).build();
      errors.add(assertThrows(IllegalArgumentException.class, () -> c.sendAfter(Duration.ofMillis(-1), message)));
      errors.add(assertThrows(IllegalArgumentException.class,
          () -> c.sendAfter(Duration.ofSeconds(-5), CancellationToken.of("t"), message)));
      errors.add(assertThrows(IllegalArgumentException.class, () -> CancellationToken.of("")));
      errors.add(assertThrows(NullPointerException.class, () -> c.send((Message) null)));
    });
    var result = reply(handler, request().invoke(Types.INT, 1).bytes()).getInvocationResult();
    assertEquals(4, errors.size());
    assertTrue(errors.get(0).getMessage().contains("negative"));
    assertEquals(0, result.getDelayedInvocationsCount(), "rejected calls leave no effect");
  }

  @Test
  void egressRecordsHaveTheExactTypenamesAndFields() throws Exception {
    TypeName egress = TypeName.parse("com.example/out");
    RequestReplyHandler handler = serve((c, m) -> {
      c.send(KafkaEgressMessage.forEgress(egress).withTopic("greetings").withUtf8Key("k€y").withUtf8Value("välue").build());
      c.send(KafkaEgressMessage.forEgress(egress).withTopic("nokey").withValue(new byte[] {1, 2}).build());
      c.send(KinesisEgressMessage.forEgress(egress).withStream("s").withUtf8PartitionKey("p").withUtf8ExplicitHashKey("h")
          .withUtf8Value("v").build());
      c.send(EgressMessage.of(egress, Types.INT, 42));
    });
    var egresses = reply(handler, request().invoke(Types.INT, 1).bytes()).getInvocationResult().getOutgoingEgressesList();
    assertEquals(4, egresses.size());
    assertEquals("com.example", egresses.get(0).getEgressNamespace());
    assertEquals("out", egresses.get(0).getEgressType());
    assertEquals("type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord", egresses.get(0).getArgument().getTypename());
    KafkaProducerRecord kafka = Requests.kafka(egresses.get(0));
    assertEquals(KafkaProducerRecord.newBuilder().setTopic("greetings").setKey("k€y")
        .setValueBytes(ByteString.copyFromUtf8("välue")).build().toByteString(), egresses.get(0).getArgument().getValue());
    assertEquals("greetings", kafka.getTopic());
    assertEquals("", Requests.kafka(egresses.get(1)).getKey());
    assertEquals("type.googleapis.com/io.statefun.sdk.egress.KinesisEgressRecord", egresses.get(2).getArgument().getTypename());
    assertEquals(KinesisEgressRecord.newBuilder().setStream("s").setPartitionKey("p").setExplicitHashKey("h")
        .setValueBytes(ByteString.copyFromUtf8("v")).build().toByteString(), egresses.get(2).getArgument().getValue());
    assertEquals("io.statefun.types/int", egresses.get(3).getArgument().getTypename());
    assertEquals(IntWrapper.newBuilder().setValue(42).build().toByteString(), egresses.get(3).getArgument().getValue());
  }

  @Test
  void incompleteEgressRecordsAreRejectedWhenBuilt() {
    TypeName egress = TypeName.parse("com.example/out");
    assertThrows(IllegalStateException.class, () -> KafkaEgressMessage.forEgress(egress).withUtf8Value("v").build());
    assertThrows(IllegalStateException.class, () -> KafkaEgressMessage.forEgress(egress).withTopic("t").build());
    assertThrows(IllegalStateException.class,
        () -> KinesisEgressMessage.forEgress(egress).withStream("s").withUtf8Value("v").build());
  }

  // ---- storage misuse

  @Test
  void storageRejectsUndeclaredAndMismatchedSpecs() {
    List<Throwable> errors = new ArrayList<>();
    RequestReplyHandler handler = serve((c, m) -> {
      errors.add(assertThrows(IllegalArgumentException.class, () -> c.storage().get(ValueSpec.of("nope", Types.INT))));
      errors.add(assertThrows(IllegalArgumentException.class, () -> c.storage().set(ValueSpec.of("count", Types.LONG), 1L)));
      errors.add(assertThrows(IllegalArgumentException.class,
          () -> c.storage().remove(ValueSpec.of("count", Types.INT).expireAfterWrite(Duration.ofSeconds(1)))));
      errors.add(assertThrows(NullPointerException.class, () -> c.storage().set(COUNT, null)));
      // An equal spec built elsewhere is the same spec.
      c.storage().set(ValueSpec.of("count", Types.INT), 3);
    }, COUNT);
    var result = reply(handler, request().emptyState("count").invoke(Types.INT, 1).bytes()).getInvocationResult();
    assertTrue(errors.get(0).getMessage().contains("'nope'") && errors.get(0).getMessage().contains("test.fns/fn"));
    assertTrue(errors.get(1).getMessage().contains("'count'"));
    assertTrue(errors.get(3).getMessage().contains("remove"));
    assertEquals(1, result.getStateMutationsCount());
  }

  // ---- failures

  @Test
  void aFailingFunctionFailsTheBatchWithNoEffects() {
    RequestReplyHandler handler = serve((c, m) -> {
      c.storage().set(COUNT, 99);
      c.send(MessageBuilder.forAddress(c.self()).withValue(1).build());
      if (m.asInt() == 2) {
        throw new IllegalStateException("boom");
      }
    }, COUNT);
    RequestFailure failure = failureOf(handler,
        request().emptyState("count").invoke(Types.INT, 1).invoke(Types.INT, 2).bytes());
    FunctionFailedException failed = assertInstanceOf(FunctionFailedException.class, failure);
    assertEquals(new dev.statefun.jakarta.Address(FN, "id-1"), failed.address());
    assertTrue(failed.getMessage().contains("test.fns/fn") && failed.getMessage().contains("id-1")
        && failed.getMessage().contains("boom"), failed.getMessage());
  }

  @Test
  void malformedRequestsAreRejected() {
    RequestReplyHandler handler = serve((c, m) -> {});
    assertInstanceOf(MalformedRequestException.class, failureOf(handler, new byte[0]));
    assertInstanceOf(MalformedRequestException.class, failureOf(handler, new byte[] {(byte) 0xff, (byte) 0xff}));
    byte[] valid = request().invoke(Types.INT, 1).bytes();
    for (int cut = 1; cut < valid.length; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(valid, cut);
      assertInstanceOf(MalformedRequestException.class, failureOf(handler, truncated), "truncated at " + cut);
    }
    byte[] noTarget = dev.statefun.jakarta.internal.protocol.ToFunction.newBuilder()
        .setInvocation(dev.statefun.jakarta.internal.protocol.ToFunction.InvocationBatchRequest.getDefaultInstance())
        .build().toByteArray();
    assertTrue(failureOf(handler, noTarget).getMessage().contains("target"));
    var badArgument = request();
    badArgument.rawState("x", TypedValue.getDefaultInstance());
    byte[] noSlash = Requests.to("test.fns", "fn", "a")
        .rawInvoke(TypedValue.newBuilder().setTypename("no-slash").setHasValue(true).build()).bytes();
    assertInstanceOf(MalformedRequestException.class, failureOf(handler, noSlash));
  }

  @Test
  void unknownFunctionsAreNamed() {
    RequestReplyHandler handler = serve((c, m) -> {});
    RequestFailure failure = failureOf(handler, Requests.to("test.fns", "other", "x").invoke(Types.INT, 1).bytes());
    UnknownFunctionException unknown = assertInstanceOf(UnknownFunctionException.class, failure);
    assertEquals(TypeName.parse("test.fns/other"), unknown.functionType());
  }

  // ---- async

  @Test
  void asyncInvocationsCompleteLaterAndStillRunStrictlyInOrder() {
    List<String> events = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
    RequestReplyHandler handler = serveAsync((c, m) -> {
      int n = m.asInt();
      events.add("start " + n);
      CompletableFuture<Void> done = new CompletableFuture<>();
      stages.add(done);
      return done.thenRun(() -> {
        c.storage().set(COUNT, c.storage().get(COUNT).orElse(0) * 10 + n);
        c.send(MessageBuilder.forAddress(c.self()).withValue(n).build());
        events.add("end " + n);
      });
    }, COUNT);
    CompletableFuture<byte[]> pending = handler.handle(request().emptyState("count")
        .invoke(Types.INT, 1).invoke(Types.INT, 2).invoke(Types.INT, 3).bytes()).toCompletableFuture();
    // The test completes each stage itself: the next invocation may start only once it does.
    for (int n = 1; n <= 3; n++) {
      assertFalse(pending.isDone(), "the handler must not block the calling thread on an async function");
      assertEquals("start " + n, events.get(events.size() - 1), events::toString);
      assertEquals(n, stages.size(), "invocation " + (n + 1) + " started before invocation " + n + " completed");
      stages.get(n - 1).complete(null);
    }
    FromFunction reply = parse(pending.join());
    assertEquals(List.of("start 1", "end 1", "start 2", "end 2", "start 3", "end 3"), events);
    assertEquals(123, Types.INT.deserialize(
        reply.getInvocationResult().getStateMutations(0).getStateValue().getValue().toByteArray()));
    assertEquals(List.of(1, 2, 3), reply.getInvocationResult().getOutgoingMessagesList().stream()
        .map(o -> Types.INT.deserialize(o.getArgument().getValue().toByteArray())).toList());
  }

  @Test
  void asyncFailuresFailTheBatch() {
    RequestReplyHandler handler = serveAsync((c, m) -> CompletableFuture.supplyAsync(() -> {
      throw new IllegalArgumentException("later boom");
    }, LATER));
    RequestFailure failure = failureOf(handler, request().invoke(Types.INT, 1).bytes());
    assertInstanceOf(FunctionFailedException.class, failure);
    assertTrue(failure.getMessage().contains("later boom"), failure.getMessage());
    RequestReplyHandler nullStage = serveAsync((c, m) -> null);
    assertInstanceOf(FunctionFailedException.class, failureOf(nullStage, request().invoke(Types.INT, 1).bytes()));
  }

  @Test
  void longBatchesOfCompletedStagesDoNotGrowTheStack() {
    RequestReplyHandler handler = serveAsync((c, m) -> {
      c.storage().set(COUNT, c.storage().get(COUNT).orElse(0) + 1);
      return CompletableFuture.completedFuture(null);
    }, COUNT);
    Requests request = request().emptyState("count");
    for (int i = 0; i < 20_000; i++) {
      request.invoke(Types.INT, i);
    }
    FromFunction reply = reply(handler, request.bytes());
    assertEquals(20_000, Types.INT.deserialize(
        reply.getInvocationResult().getStateMutations(0).getStateValue().getValue().toByteArray()));
  }

  @Test
  void aContextCannotBeUsedAfterItsInvocation() {
    AtomicReference<Context> leaked = new AtomicReference<>();
    RequestReplyHandler handler = serve((c, m) -> leaked.set(c));
    reply(handler, request().invoke(Types.INT, 1).bytes());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> leaked.get().send(MessageBuilder.forAddress(leaked.get().self()).withValue(1).build()));
    assertTrue(e.getMessage().contains("after its invocation completed"));
  }

  static FromFunction parse(byte[] bytes) {
    try {
      return FromFunction.parseFrom(bytes);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void longStringArgumentsDecodeExactly() {
    AtomicReference<String> got = new AtomicReference<>();
    RequestReplyHandler handler = serve((c, m) -> got.set(m.asString()));
    reply(handler, request().invoke(Types.STRING, "😀".repeat(1000)).bytes());
    assertEquals("😀".repeat(1000), got.get());
    assertEquals(StringWrapper.newBuilder().setValue("x").build().toByteString(),
        ByteString.copyFrom(Types.STRING.serialize("x")));
  }
}
