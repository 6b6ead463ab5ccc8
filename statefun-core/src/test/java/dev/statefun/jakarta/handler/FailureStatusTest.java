package dev.statefun.jakarta.handler;

import static dev.statefun.jakarta.handler.HandlerProtocolTest.failureOf;
import static dev.statefun.jakarta.handler.HandlerProtocolTest.request;
import static dev.statefun.jakarta.handler.HandlerProtocolTest.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each failure blames the right party, and carries the HTTP status that says so. */
class FailureStatusTest {

  @Test
  void eachFailureCarriesItsStatus() {
    // A type that keeps its contract while the handler is built, then breaks it while the reply is written:
    // the handler cannot blame the request or the function, and says the fault is its own.
    AtomicBoolean broken = new AtomicBoolean();
    ValueSpec<Integer> fragile = ValueSpec.of("fragile", new Type<Integer>() {
      @Override
      public TypeName typeName() {
        if (broken.get()) {
          throw new NullPointerException("oops");
        }
        return Types.INT.typeName();
      }

      @Override
      public byte[] serialize(Integer value) {
        return Types.INT.serialize(value);
      }

      @Override
      public Integer deserialize(byte[] bytes) {
        return Types.INT.deserialize(bytes);
      }
    });
    RequestReplyHandler handler = FunctionRegistry.builder()
        .register(FunctionSpec.builder("test.fns/fn").withValueSpec(fragile).withFunction((context, message) -> {
          if (message.asInt() < 0) {
            throw new IllegalStateException("negative");
          }
          context.storage().set(fragile, message.asInt());
          broken.set(message.asInt() == 13);
        }).build())
        .build().handler();
    Requests valid = request().state("fragile", Types.INT, 0).invoke(Types.INT, 1);

    assertStatus(400, MalformedRequestException.class, handler, new byte[] {(byte) 0xff, 1});
    assertStatus(404, UnknownFunctionException.class, handler,
        Requests.to("test.fns", "other", "x").invoke(Types.INT, 1).bytes());
    assertEquals(413, assertInstanceOf(RequestTooLargeException.class, assertThrows(CompletionException.class,
        () -> handler.handle(valid.invoke(Types.INT, 2).bytes(), 1).toCompletableFuture().join()).getCause())
        .httpStatus());
    assertStatus(500, FunctionFailedException.class, handler,
        request().state("fragile", Types.INT, 0).invoke(Types.INT, -1).bytes());
    RequestFailure bug = assertStatus(500, HandlerBugException.class, handler,
        request().state("fragile", Types.INT, 0).invoke(Types.INT, 13).bytes());
    assertTrue(bug.getMessage().contains("a bug in the StateFun Jakarta SDK, not in the request or the function"),
        bug.getMessage());
    assertTrue(bug.getMessage().contains("NullPointerException: oops"), bug.getMessage());
  }

  private static RequestFailure assertStatus(int status, Class<? extends RequestFailure> kind,
      RequestReplyHandler handler, byte[] request) {
    RequestFailure failure = failureOf(handler, request);
    assertInstanceOf(kind, failure);
    assertEquals(status, failure.httpStatus(), failure::getMessage);
    return failure;
  }

  @Test
  void aCallerWithoutNamespaceIsTheCallersFaultFoundWhileParsing() {
    AtomicReference<Boolean> ran = new AtomicReference<>(false);
    RequestReplyHandler handler = serve((c, m) -> ran.set(true));
    RequestFailure failure = failureOf(handler,
        request().invokeFrom(Requests.address("", "greeter", "x"), Types.INT, 1).bytes());
    assertInstanceOf(MalformedRequestException.class, failure);
    assertEquals(400, failure.httpStatus());
    assertEquals("Invocation 0 has an invalid caller address: its namespace and type must both be non-empty",
        failure.getMessage());
    assertEquals(false, ran.get(), "the function must not run for a malformed request");

    RequestFailure noType = failureOf(handler,
        request().invoke(Types.INT, 1).invokeFrom(Requests.address("ns", "", "x"), Types.INT, 1).bytes());
    assertEquals("Invocation 1 has an invalid caller address: its namespace and type must both be non-empty",
        noType.getMessage());
    RequestFailure slash = failureOf(handler,
        request().invokeFrom(Requests.address("ns", "a/b", "x"), Types.INT, 1).bytes());
    assertEquals("Invocation 0 has an invalid caller address: its type name must not contain '/'",
        slash.getMessage());
  }

  @Test
  void anEmptyCallerIsNoCaller() {
    AtomicReference<Optional<Address>> caller = new AtomicReference<>();
    RequestReplyHandler handler = serve((c, m) -> caller.set(c.caller()));
    Requests.reply(handler, request().invokeFrom(Requests.address("", "", ""), Types.INT, 1).bytes());
    assertEquals(Optional.empty(), caller.get());
    Requests.reply(handler, request().invokeFrom(Requests.address("ns", "fn", "7"), Types.INT, 1).bytes());
    assertEquals(Optional.of(new Address(TypeName.parse("ns/fn"), "7")), caller.get());
  }

  @Test
  void aTargetTypeWithASlashIsMalformedNotUnknown() {
    RequestReplyHandler handler = serve((c, m) -> {});
    RequestFailure failure = failureOf(handler, Requests.to("test.fns", "a/b", "x").invoke(Types.INT, 1).bytes());
    assertInstanceOf(MalformedRequestException.class, failure);
    assertEquals("The invocation batch targets the invalid function type 'test.fns/a/b': its name must not"
        + " contain '/'", failure.getMessage());
  }

  @Test
  void aBatchOverTheCallersLimitIs413WithItsSize() {
    RequestReplyHandler handler = serve((c, m) -> {});
    Requests batch = request();
    for (int i = 0; i < 5; i++) {
      batch.invoke(Types.INT, i);
    }
    CompletionException e = assertThrows(CompletionException.class,
        () -> handler.handle(batch.bytes(), 4).toCompletableFuture().join());
    RequestTooLargeException tooLarge = assertInstanceOf(RequestTooLargeException.class, e.getCause());
    assertEquals(413, tooLarge.httpStatus());
    assertEquals("The batch holds 5 invocations; at most 4 are accepted per request (raise the endpoint's"
        + " statefun.max-batch-size, or lower the runtime's maxNumBatchRequests)", tooLarge.getMessage());
    Requests.reply(handler, batch.bytes()); // the default limit admits it
    assertThrows(IllegalArgumentException.class, () -> handler.handle(batch.bytes(), 0));
  }
}
