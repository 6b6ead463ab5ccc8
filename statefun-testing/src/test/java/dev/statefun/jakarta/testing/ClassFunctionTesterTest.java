package dev.statefun.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A tester made from the function class: type and state come from the class, as the CDI extension reads them. */
class ClassFunctionTesterTest {

  @StatefulFunction("com.example.fns/counter")
  static class Counter implements RemoteFunction {
    static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
    static final ValueSpec<String> LAST = ValueSpec.of("last", Types.STRING);
    private final int step;

    Counter(int step) {
      this.step = step;
    }

    Counter() {
      this(1);
    }

    @Override
    public void invoke(Context context, Message message) {
      context.storage().set(COUNT, context.storage().get(COUNT).orElse(0) + step);
      context.storage().set(LAST, message.asString());
    }
  }

  /** Forgot the annotation, and one state field is not final. */
  static class Broken implements RemoteFunction {
    static ValueSpec<Integer> count = ValueSpec.of("count", Types.INT);

    @Override
    public void invoke(Context context, Message message) {}
  }

  @Test
  void typeAndEveryStateComeFromTheClass() {
    FunctionTester tester = FunctionTester.of(Counter.class, new Counter(5));
    Address ann = Address.of("com.example.fns/counter", "ann");
    tester.withState(ann, Counter.COUNT, 10);
    InvocationResult result = tester.invoke(MessageBuilder.forAddress(ann).withValue("hi").build());
    assertEquals(Optional.of(15), result.state(Counter.COUNT));
    assertEquals(Optional.of("hi"), result.state(Counter.LAST));
  }

  @Test
  void aClassTheDeploymentWouldRefuseFailsWithTheSameMessages() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> FunctionTester.of(Broken.class, new Broken()));
    assertEquals(String.join("\n",
        "@StatefulFunction class " + Broken.class.getName()
            + ": it is not annotated @StatefulFunction; annotate it @StatefulFunction(\"namespace/name\")",
        "@StatefulFunction class " + Broken.class.getName() + ": its ValueSpec field 'count' is not final;"
            + " state is declared once per function type, so declare it 'static final ValueSpec<...> count ="
            + " ValueSpec.of(...)'"), e.getMessage());
  }
}
