package dev.statefun.jakarta.testing;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.types.Types;
import java.util.concurrent.Callable;

/** Run by {@link NoCdiTest} in a class loader without CDI: a tester and a runtime of a function built in code. */
public class NoCdiScenario implements Callable<String> {
  static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
  static final TypeName GREETER = TypeName.parse("com.example.fns/greeter");
  static final TypeName INBOX = TypeName.parse("com.example.fns/inbox");

  @Override
  public String call() {
    FunctionSpec spec = FunctionSpec.builder(GREETER).withValueSpec(SEEN)
        .withFunction((context, message) -> {
          context.storage().set(SEEN, context.storage().get(SEEN).orElse(0) + 1);
          context.send(MessageBuilder.forAddress(INBOX, context.self().id()).withValue("hello " + message.asString())
              .build());
        }).build();
    Address bob = Address.of(GREETER, "bob");
    FunctionTester tester = FunctionTester.of(spec);
    tester.invoke(MessageBuilder.forAddress(bob).withValue("bob").build());
    int testerSeen = tester.invoke(MessageBuilder.forAddress(bob).withValue("bob").build()).state(SEEN).orElseThrow();
    TestRuntime runtime = TestRuntime.of(spec).withFunctionServedElsewhere(INBOX);
    runtime.send(MessageBuilder.forAddress(bob).withValue("bob").build());
    return "tester: " + testerSeen + "; runtime: " + runtime.state(bob, SEEN).orElseThrow() + " "
        + runtime.messagesTo(INBOX).get(0).asString();
  }
}
