package dev.statefun.jakarta.handler;

import static dev.statefun.jakarta.handler.HandlerProtocolTest.failureOf;
import static dev.statefun.jakarta.handler.HandlerProtocolTest.request;
import static dev.statefun.jakarta.handler.HandlerProtocolTest.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What storage stores: a copy made at {@code set}; what {@code get} returns: a copy for mutable types. */
class StorageSemanticsTest {
  public static class Basket {
    public List<String> items = new ArrayList<>();
  }

  static final ValueSpec<Basket> BASKET = ValueSpec.of("basket", Types.json("test.types/basket", Basket.class));

  static String stored(FromFunction reply) {
    return reply.getInvocationResult().getStateMutations(0).getStateValue().getValue().toStringUtf8();
  }

  @Test
  void aChangeAfterSetIsNotStored() {
    RequestReplyHandler handler = serve((c, m) -> {
      Basket basket = new Basket();
      basket.items.add("apple");
      c.storage().set(BASKET, basket);
      basket.items.add("pear"); // after set: not stored
    }, BASKET);
    assertEquals("{\"items\":[\"apple\"]}", stored(Requests.reply(handler, request().emptyState("basket")
        .invoke(Types.INT, 1).bytes())));
  }

  @Test
  void getReturnsACopyOfAMutableValueSoOnlySetStoresAChange() {
    AtomicReference<List<String>> seen = new AtomicReference<>();
    RequestReplyHandler handler = serve((c, m) -> {
      if (m.asInt() == 1) {
        Basket basket = new Basket();
        basket.items.add("apple");
        c.storage().set(BASKET, basket);
        c.storage().get(BASKET).orElseThrow().items.add("lost"); // a copy: not stored
        Basket first = c.storage().get(BASKET).orElseThrow();
        assertNotSame(first, c.storage().get(BASKET).orElseThrow());
      } else {
        Basket basket = c.storage().get(BASKET).orElseThrow();
        seen.set(List.copyOf(basket.items));
        basket.items.add("kept");
        c.storage().set(BASKET, basket);
      }
    }, BASKET);
    FromFunction reply = Requests.reply(handler, request().emptyState("basket")
        .invoke(Types.INT, 1).invoke(Types.INT, 2).bytes());
    assertEquals(List.of("apple"), seen.get());
    assertEquals("{\"items\":[\"apple\",\"kept\"]}", stored(reply));
  }

  @Test
  void primitiveValuesAreImmutableAndShared() {
    ValueSpec<String> name = ValueSpec.of("name", Types.STRING);
    RequestReplyHandler handler = serve((c, m) -> {
      String value = new String("zoë".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      c.storage().set(name, value);
      assertSame(value, c.storage().get(name).orElseThrow());
    }, name);
    FromFunction reply = Requests.reply(handler, request().emptyState("name").invoke(Types.INT, 1).bytes());
    assertEquals("zoë", Types.STRING.deserialize(
        reply.getInvocationResult().getStateMutations(0).getStateValue().getValue().toByteArray()));
  }

  @Test
  void aSerializerFailureIsThrownBySetInTheFunction() {
    Type<String> failing = Types.custom(TypeName.parse("test.types/failing"), value -> {
      throw new IllegalStateException("cannot encode " + value);
    }, bytes -> "");
    ValueSpec<String> spec = ValueSpec.of("failing", failing);
    AtomicReference<RuntimeException> thrown = new AtomicReference<>();
    RequestReplyHandler handler = serve((c, m) -> {
      try {
        c.storage().set(spec, "x");
      } catch (RuntimeException e) {
        thrown.set(e);
        throw e;
      }
    }, spec);
    RequestFailure failure = failureOf(handler, request().emptyState("failing").invoke(Types.INT, 1).bytes());
    assertInstanceOf(FunctionFailedException.class, failure);
    assertEquals("cannot encode x", thrown.get().getMessage());

    Type<String> toNull = Types.custom(TypeName.parse("test.types/null"), value -> null, bytes -> "");
    ValueSpec<String> nullSpec = ValueSpec.of("to_null", toNull);
    RequestReplyHandler nulls = serve((c, m) -> assertThrows(IllegalStateException.class,
        () -> c.storage().set(nullSpec, "x")), nullSpec);
    Requests.reply(nulls, request().emptyState("to_null").invoke(Types.INT, 1).bytes());
  }

  @Test
  void equalSpecsAreEqualHoweverBuilt() {
    assertEquals(ValueSpec.of("basket", Types.json("test.types/basket", Basket.class)), BASKET);
    assertEquals(ValueSpec.of("basket", Types.json("test.types/basket", Basket.class)).hashCode(), BASKET.hashCode());
    assertEquals(Types.json(TypeName.parse("test.types/basket"), Basket.class),
        Types.json("test.types/basket", Basket.class));
    assertEquals(false, BASKET.equals(ValueSpec.of("basket", Types.json("test.types/other", Basket.class))));
    assertEquals(false, Types.json("test.types/basket", Basket.class)
        .equals(Types.json("test.types/basket", Object.class)));
    // A spec built separately is accepted by the storage as the declared one.
    ValueSpec<Basket> separately = ValueSpec.of("basket", Types.json("test.types/basket", Basket.class));
    RequestReplyHandler handler = serve((c, m) -> c.storage().set(separately, new Basket()), BASKET);
    assertEquals("{\"items\":[]}", stored(Requests.reply(handler, request().emptyState("basket")
        .invoke(Types.INT, 1).bytes())));
  }
}
