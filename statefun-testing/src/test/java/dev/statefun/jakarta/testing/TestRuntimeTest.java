package dev.statefun.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestRuntimeTest {
  static final TypeName GREETER = TypeName.parse("com.example.fns/greeter");
  static final TypeName INBOX = TypeName.parse("com.example.fns/inbox");
  static final TypeName TIMER = TypeName.parse("com.example.fns/timer");
  static final TypeName LOG = TypeName.parse("com.example/log");
  static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
  static final ValueSpec<Integer> RECEIVED = ValueSpec.of("received", Types.INT);
  static final Address BOB = Address.of(GREETER, "bob");

  /** Counts per name and greets the name's inbox. */
  static final FunctionSpec GREETER_SPEC = FunctionSpec.builder(GREETER).withValueSpec(SEEN)
      .withFunction((context, message) -> {
        int seen = context.storage().get(SEEN).orElse(0) + 1;
        context.storage().set(SEEN, seen);
        context.send(MessageBuilder.forAddress(INBOX, message.asString())
            .withValue("hello " + message.asString() + " #" + seen).build());
      }).build();

  /** Counts what it receives and logs it with its caller. */
  static final FunctionSpec INBOX_SPEC = FunctionSpec.builder(INBOX).withValueSpec(RECEIVED)
      .withFunction((context, message) -> {
        context.storage().set(RECEIVED, context.storage().get(RECEIVED).orElse(0) + 1);
        context.send(EgressMessage.of(LOG, Types.STRING, context.self().id() + " got '" + message.asString()
            + "' from " + context.caller().map(Address::toString).orElse("outside")));
      }).build();

  /**
   * "after MILLIS TEXT" schedules TEXT to itself with the token TEXT; "cancel TEXT" cancels it; "flash TEXT" does
   * both in one invocation, in that order; "tell ID TEXT"
   * cancels the token TEXT at timer ID (which does not own it); anything else is logged as delivered.
   */
  static final FunctionSpec TIMER_SPEC = FunctionSpec.builder(TIMER)
      .withFunction((context, message) -> {
        String[] words = message.asString().split(" ", 3);
        switch (words[0]) {
          case "after" -> context.sendAfter(Duration.ofMillis(Long.parseLong(words[1])), CancellationToken.of(words[2]),
              MessageBuilder.forAddress(context.self()).withValue(words[2]).build());
          case "cancel" -> context.cancelDelayedMessage(CancellationToken.of(words[1]));
          case "flash" -> {
            context.sendAfter(Duration.ofSeconds(1), CancellationToken.of(words[1]),
                MessageBuilder.forAddress(context.self()).withValue(words[1]).build());
            context.cancelDelayedMessage(CancellationToken.of(words[1]));
          }
          case "tell" -> context.send(MessageBuilder.forAddress(TIMER, words[1]).withValue("cancel " + words[2]).build());
          default -> context.send(EgressMessage.of(LOG, Types.STRING, message.asString()));
        }
      }).build();

  @Test
  void routesMessagesBetweenFunctionsWithStatePerAddress() {
    TestRuntime runtime = TestRuntime.of(GREETER_SPEC, INBOX_SPEC);
    List<Delivery> first = runtime.send(greet("bob"));
    assertEquals(2, first.size());
    assertEquals(Optional.empty(), first.get(0).caller());
    assertEquals(Optional.of(Address.of(GREETER, "bob")), first.get(1).caller());
    runtime.send(greet("bob"));
    runtime.send(greet("ann"));
    assertEquals(Optional.of(2), runtime.state(Address.of(GREETER, "bob"), SEEN));
    assertEquals(Optional.of(1), runtime.state(Address.of(GREETER, "ann"), SEEN));
    assertEquals(Optional.of(2), runtime.state(Address.of(INBOX, "bob"), RECEIVED));
    assertEquals(List.of("bob got 'hello bob #1' from com.example.fns/greeter/bob",
        "bob got 'hello bob #2' from com.example.fns/greeter/bob",
        "ann got 'hello ann #1' from com.example.fns/greeter/ann"), logged(runtime));
    assertEquals(6, runtime.deliveries().size());
  }

  @Test
  void aFunctionTypeNotRegisteredFailsUnlessServedElsewhere() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TestRuntime.of(GREETER_SPEC).send(greet("bob")));
    assertTrue(e.getMessage().contains("No function of type com.example.fns/inbox"), e.getMessage());

    TestRuntime runtime = TestRuntime.of(GREETER_SPEC).withFunctionServedElsewhere(INBOX);
    runtime.send(greet("bob"));
    List<Message> toInbox = runtime.messagesTo(INBOX);
    assertEquals(1, toInbox.size());
    assertEquals("hello bob #1", toInbox.get(0).asString());
  }

  @Test
  void delayedMessagesArriveWhenTheClockPassesTheirTimeInTimeOrder() {
    TestRuntime runtime = TestRuntime.of(TIMER_SPEC);
    Address t = Address.of(TIMER, "t");
    runtime.send(timer(t, "after 3000 third"));
    runtime.send(timer(t, "after 1000 first"));
    runtime.send(timer(t, "after 1000 second"));
    assertEquals(3, runtime.pendingDelayedMessages().size());
    assertEquals(Duration.ofSeconds(1), runtime.pendingDelayedMessages().get(0).delay());

    assertEquals(List.of(), runtime.advance(Duration.ofMillis(999)));
    List<Delivery> due = runtime.advance(Duration.ofMillis(1));
    assertEquals(List.of("first", "second"), due.stream().map(d -> d.message().asString()).toList());
    assertEquals(Duration.ofSeconds(1), due.get(0).at());
    assertEquals(Optional.of(t), due.get(0).caller(), "the sender is the caller of its delayed message");

    List<Delivery> later = runtime.advance(Duration.ofMinutes(1));
    assertEquals(Duration.ofSeconds(3), later.get(0).at(), "delivered at its own time, not at the end of the advance");
    assertEquals(Duration.ofSeconds(61), runtime.now());
    assertEquals(List.of("first", "second", "third"), logged(runtime));
  }

  @Test
  void aCancellationTokenCancelsOnlyTheSendersMessage() {
    TestRuntime runtime = TestRuntime.of(TIMER_SPEC);
    Address a = Address.of(TIMER, "a");
    Address b = Address.of(TIMER, "b");
    runtime.send(timer(a, "after 1000 ping"));
    runtime.send(timer(b, "after 1000 ping"));
    runtime.send(timer(b, "tell a pong"));   // a cancels "pong", which it never sent: nothing happens
    runtime.send(timer(b, "cancel ping"));    // b's own
    runtime.send(timer(a, "flash pong"));     // scheduled, then cancelled: the order counts
    runtime.advance(Duration.ofSeconds(5));
    assertEquals(List.of("ping"), logged(runtime));
    assertEquals(a, runtime.deliveries().get(runtime.deliveries().size() - 1).message().targetAddress());
  }

  @Test
  void aSecondPendingMessageWithTheSameTokenFailsAsInTheRuntime() {
    TestRuntime runtime = TestRuntime.of(TIMER_SPEC);
    Address a = Address.of(TIMER, "a");
    runtime.send(timer(a, "after 1000 x"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> runtime.send(timer(a, "after 500 x")));
    assertTrue(e.getMessage().contains("token x"), e.getMessage());
    // Once the first is delivered, the token is free again.
    runtime.advance(Duration.ofSeconds(1));
    runtime.send(timer(a, "after 500 x"));
    assertEquals(1, runtime.pendingDelayedMessages().size());
  }

  @Test
  void stateExpiresAfterWriteEvenWhenRead() {
    ValueSpec<Integer> seen = SEEN.expireAfterWrite(Duration.ofMinutes(1));
    TestRuntime runtime = writtenThenRead(seen, Duration.ofSeconds(59));   // the read does not extend it
    assertEquals(Optional.of(1), runtime.state(BOB, seen));
    runtime.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), runtime.state(BOB, seen));
    runtime.send(greet("bob"));
    assertEquals(Optional.of(1), runtime.state(BOB, seen), "counted from scratch after expiring");
  }

  @Test
  void stateExpiresAfterCallWhenNoMessageCameInTime() {
    ValueSpec<Integer> seen = SEEN.expireAfterCall(Duration.ofMinutes(1));
    TestRuntime runtime = writtenThenRead(seen, Duration.ofSeconds(50));   // the call extends it to 110 s
    runtime.advance(Duration.ofSeconds(50));
    assertEquals(Optional.of(1), runtime.state(BOB, seen));
    runtime.advance(Duration.ofSeconds(10));
    assertEquals(Optional.empty(), runtime.state(BOB, seen));
  }

  /** A counter of {@code seen} at {@link #BOB}, written at time 0 and called without a write at {@code readAt}. */
  private static TestRuntime writtenThenRead(ValueSpec<Integer> seen, Duration readAt) {
    TestRuntime runtime = TestRuntime.of(counter(seen));
    runtime.send(greet("bob"));
    runtime.advance(readAt);
    runtime.send(MessageBuilder.forAddress(BOB).withValue("?").build());
    return runtime;
  }

  @Test
  void functionsThatMessageEachOtherForeverFailTheTest() {
    FunctionSpec echo = FunctionSpec.builder(GREETER)
        .withFunction((context, message) -> context.send(MessageBuilder.forAddress(context.self()).withValue("again").build()))
        .build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestRuntime.of(echo).send(greet("x")));
    assertTrue(e.getMessage().contains("more than " + TestRuntime.MAX_DELIVERIES_PER_STEP), e.getMessage());
  }

  /** A greeter-typed counter of {@code seen}: a name counts, "?" only reads. */
  private static FunctionSpec counter(ValueSpec<Integer> seen) {
    return FunctionSpec.builder(GREETER).withValueSpec(seen)
        .withFunction((context, message) -> {
          int value = context.storage().get(seen).orElse(0);
          if (!message.asString().equals("?")) {
            context.storage().set(seen, value + 1);
          }
        }).build();
  }

  private static Message greet(String name) {
    return MessageBuilder.forAddress(GREETER, name).withValue(name).build();
  }

  private static Message timer(Address address, String command) {
    return MessageBuilder.forAddress(address).withValue(command).build();
  }

  private static List<String> logged(TestRuntime runtime) {
    return runtime.egress(LOG).stream().map(message -> Types.STRING.deserialize(message.rawValue())).toList();
  }
}
