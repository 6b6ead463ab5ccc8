package dev.statefun.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.cdi.sample.Audit;
import dev.statefun.jakarta.cdi.sample.AuditInterceptor;
import dev.statefun.jakarta.cdi.sample.Audited;
import dev.statefun.jakarta.cdi.sample.AuditedAsyncFunction;
import dev.statefun.jakarta.cdi.sample.AuditedFunction;
import dev.statefun.jakarta.cdi.sample.Greeter;
import dev.statefun.jakarta.cdi.sample.GreetingFormatter;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.testkit.Requests;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry calls functions through their contextual references, so bound interceptors see every invocation. */
@ExtendWith(ArquillianExtension.class)
class InterceptorsTest {

  @Deployment
  static JavaArchive deployment() {
    return Deployments.all(Audited.class, Audit.class, AuditInterceptor.class, AuditedFunction.class,
        AuditedAsyncFunction.class, Greeter.class, GreetingFormatter.class);
  }

  @Inject RequestReplyHandler handler;
  @Inject Audit audit;

  @Test
  void interceptorBoundToAnApplicationScopedFunctionSeesEachInvocation() {
    audit.clear();
    List<String> sent = Requests.sentStrings(
        Requests.to("audit/app", "a1").invoke("one").invoke("two").call(handler));

    assertEquals(List.of("audited one", "audited two"), sent);
    assertEquals(List.of(
        "before AuditedFunction.invoke(Context, Message) audit/app/a1 one",
        "invoked with one",
        "after AuditedFunction.invoke(Context, Message)",
        "before AuditedFunction.invoke(Context, Message) audit/app/a1 two",
        "invoked with two",
        "after AuditedFunction.invoke(Context, Message)"), audit.entries());
  }

  @Test
  void interceptorBoundToADependentAsyncFunctionMethodSeesEachInvocation() {
    audit.clear();
    Requests.to("audit/dependent-async", "d1").invoke("x").call(handler);

    assertEquals(List.of(
        "before AuditedAsyncFunction.invoke(Context, Message) audit/dependent-async/d1 x",
        "invoked with x",
        "after AuditedAsyncFunction.invoke(Context, Message)"), audit.entries());
  }

  @Test
  void functionsWithoutTheBindingAreNotIntercepted() {
    audit.clear();
    Requests.to("com.example.fns/greeter", "g").state("seen", dev.statefun.jakarta.types.Types.INT, 0)
        .emptyState("last_greeting").invoke("Gus").call(handler);

    assertEquals(List.of(), audit.entries());
  }
}
