package dev.statefun.jakarta.cdi;

import static dev.statefun.jakarta.testkit.Requests.sentStrings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.Handles;
import dev.statefun.jakarta.TypedRemoteFunction;
import dev.statefun.jakarta.cdi.sample.GreetingFormatter;
import dev.statefun.jakarta.handler.FunctionFailedException;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** A TypedRemoteFunction bean under Weld SE: injected, and dispatched by message type. */
class TypedHandlersTest {

  @StatefulFunction("com.example.fns/typed")
  public static class Typed extends TypedRemoteFunction {
    @Inject GreetingFormatter formatter;

    @Handles
    void greet(Context context, String name) {
      context.send(MessageBuilder.forAddress(context.self()).withValue(formatter.format(name, 1)).build());
    }

    @Handles
    void count(Context context, int times) {
      context.send(MessageBuilder.forAddress(context.self()).withValue("counted " + times).build());
    }
  }

  @Test
  void eachMessageReachesTheMethodOfItsTypeThroughTheBean() {
    Weld weld = new Weld("typed-" + UUID.randomUUID()).disableDiscovery()
        .addBeanClasses(Typed.class, GreetingFormatter.class)
        .addExtension(new StatefulFunctionExtension());
    try (WeldContainer container = weld.initialize()) {
      RequestReplyHandler handler = container.select(RequestReplyHandler.class).get();
      var reply = Requests.to("com.example.fns/typed", "t").invoke("Ann").invoke(Types.INT, 3).call(handler);
      assertEquals(List.of("Hello Ann, visit #1", "counted 3"), sentStrings(reply));

      FunctionFailedException failed = assertThrows(FunctionFailedException.class,
          () -> Requests.to("com.example.fns/typed", "t").invoke(Types.LONG, 1L).call(handler));
      assertTrue(failed.getMessage().contains("has no @Handles method for messages of type io.statefun.types/long"),
          failed.getMessage());
    }
  }
}
