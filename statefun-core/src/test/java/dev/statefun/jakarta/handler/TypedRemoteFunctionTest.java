package dev.statefun.jakarta.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.Handles;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.TypedRemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.function.FunctionClass;
import dev.statefun.jakarta.function.FunctionClass.Aspect;
import dev.statefun.jakarta.function.FunctionClass.Problem;
import dev.statefun.jakarta.function.HandlerMethods;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Typed handler methods: dispatch by the message's typename, and the mistakes reported for them. */
class TypedRemoteFunctionTest {

  @Retention(RetentionPolicy.RUNTIME)
  @interface Fn {
    String value();
  }

  public record Order(String item, int quantity) {}

  public static class Shop extends TypedRemoteFunction {
    static final Type<Order> ORDER = Types.json("com.example/Order", Order.class);
    static final ValueSpec<Integer> ITEMS = ValueSpec.of("items", Types.INT);
    final List<String> calls = new ArrayList<>();

    @Handles
    void order(Context context, Order order) {
      calls.add("order " + order.item() + " x" + order.quantity());
      context.storage().set(ITEMS, context.storage().get(ITEMS).orElse(0) + order.quantity());
    }

    @Handles
    void note(Context context, String text) {
      calls.add("note " + text);
    }

    @Handles
    void count(Context context, int n) {
      calls.add("count " + n);
    }
  }

  public static class Twice extends TypedRemoteFunction {
    @Handles
    void one(Context context, String text) {}

    @Handles
    void two(Context context, String text) {}
  }

  public static class Shapes extends TypedRemoteFunction {
    static final Type<Order> A = Types.json("com.example/Order", Order.class);
    static final Type<Order> B = Types.json("com.example/OrderV2", Order.class);

    @Handles
    void noContext(String text) {}

    @Handles
    int returns(Context context, String text) {
      return 0;
    }

    @Handles
    void ambiguous(Context context, Order order) {}

    @Handles(type = "MISSING")
    void named(Context context, Order order) {}

    @Handles(type = "B")
    void v2(Context context, Order order) {}
  }

  public static class NotTyped implements RemoteFunction {
    @Handles
    void text(Context context, String text) {}

    @Override
    public void invoke(Context context, Message message) {}
  }

  public static class Empty extends TypedRemoteFunction {}

  @Test
  void messagesGoToTheMethodOfTheirType() throws Exception {
    Shop shop = new Shop();
    RequestReplyHandler handler = FunctionRegistry.builder().register(FunctionSpec.builder("com.example/shop")
        .withValueSpec(Shop.ITEMS).withFunction(shop).build()).build().handler();
    var reply = Requests.reply(handler, Requests.to("com.example", "shop", "s1").state("items", Types.INT, 1)
        .invoke(Shop.ORDER, new Order("pen", 3)).invoke(Types.STRING, "hello").invoke(Types.INT, 7).bytes());
    assertEquals(List.of("order pen x3", "note hello", "count 7"), shop.calls);
    assertEquals(4, Types.INT.deserialize(
        reply.getInvocationResult().getStateMutations(0).getStateValue().getValue().toByteArray()));
    assertEquals(Set.of(TypeName.parse("com.example/Order"), Types.STRING.typeName(), Types.INT.typeName()),
        HandlerMethods.of(Shop.class).typeNames());
    assertTrue(FunctionClass.inspect(Shop.class, Fn.class, "com.example/shop", FunctionClass.noArgumentsOnly())
        .isValid());
  }

  @Test
  void aMessageNoMethodTakesFailsClearly() {
    Shop shop = new Shop();
    Address self = new Address(TypeName.parse("com.example/shop"), "s1");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> shop.invoke(null, MessageBuilder.forAddress(self).withValue(2L).build()));
    assertEquals(Shop.class.getName() + " has no @Handles method for messages of type io.statefun.types/long;"
        + " it handles [com.example/Order, io.statefun.types/int, io.statefun.types/string]: add a method, or"
        + " override unhandled(Context, Message)", e.getMessage());
  }

  @Test
  void twoMethodsForOneTypeAreADeploymentError() {
    assertEquals(List.of(new Problem(Aspect.HANDLER_METHODS, "its @Handles methods 'one' and 'two' both take"
            + " messages of type io.statefun.types/string; one method per message type: merge them or remove one")),
        problems(Twice.class).stream().map(p -> new Problem(p.aspect(), p.message().replace("'two' and 'one'",
            "'one' and 'two'"))).toList());
  }

  @Test
  void everyMalformedMethodIsNamed() {
    List<String> problems = problems(Shapes.class).stream().map(Problem::message).sorted().toList();
    assertEquals(List.of(
        "its @Handles method 'ambiguous' takes a Order, but the class declares 2 static final Type<Order> fields"
            + " [A, B]; declare exactly one, or name one with @Handles(type = \"FIELD\")",
        "its @Handles method 'named' names the type field 'MISSING', which is no static final Type field of the"
            + " class; declare it 'static final Type<Order> MISSING = Types.json(...)'",
        "its @Handles method 'noContext' must be an instance method taking (Context, T) and returning void, e.g."
            + " 'void on(Context context, Order order)'",
        "its @Handles method 'returns' must be an instance method taking (Context, T) and returning void, e.g."
            + " 'void on(Context context, Order order)'"), problems);
  }

  @Test
  void handlerMethodsNeedTheBaseClassAndTheBaseClassNeedsThem() {
    assertEquals(List.of(new Problem(Aspect.HANDLER_METHODS, "it has @Handles methods but does not extend"
        + " dev.statefun.jakarta.TypedRemoteFunction, so they are never called: extend it (and remove invoke)")),
        problems(NotTyped.class));
    assertEquals(List.of(new Problem(Aspect.HANDLER_METHODS, "it extends TypedRemoteFunction but declares no"
        + " @Handles method; add one per message type, e.g. '@Handles void on(Context context, String text)'")),
        problems(Empty.class));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Twice().invoke(null,
        MessageBuilder.forAddress(new Address(TypeName.parse("a/b"), "x")).withValue("t").build()));
    assertTrue(e.getMessage().startsWith(Twice.class.getName() + ": its @Handles methods"), e.getMessage());
  }

  private static List<Problem> problems(Class<?> type) {
    return FunctionClass.inspect(type, Fn.class, "com.example/f", FunctionClass.noArgumentsOnly()).problems();
  }
}
