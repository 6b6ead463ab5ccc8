package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.statefun.jakarta.cdi.FunctionDescriptor;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example functions on Quarkus (CDI Lite, Quarkus REST), driven over HTTP with the same checks
 * as the WAR on the servers: real {@code ToFunction} bytes in, {@code FromFunction} bytes out.
 */
@QuarkusTest
class QuarkusEndpointTest extends ExampleEndpointChecks {

  @TestHTTPResource("/statefun")
  URL statefun;

  @Inject
  StatefulFunctionRegistry registry;

  @Inject
  RequestReplyHandler handler;

  @Override
  protected URI endpoint() throws Exception {
    if (!InetAddress.getByName(statefun.getHost()).isLoopbackAddress()) {
      throw new IllegalStateException(statefun + " is not a loopback address; the tests talk to 127.0.0.1 only");
    }
    return statefun.toURI();
  }

  @Test
  void theBuildCompatibleExtensionFoundEveryExampleFunctionWithItsState() {
    assertEquals(List.copyOf(new java.util.TreeSet<>(ExampleFunctions.STATE.keySet())),
        registry.functions().stream().map(d -> d.typeName().canonical()).toList());
    for (FunctionDescriptor descriptor : registry.functions()) {
      String type = descriptor.typeName().canonical();
      assertEquals(ExampleFunctions.STATE.get(type), descriptor.valueSpecs(), () -> "state of " + type);
      assertSame(ApplicationScoped.class, descriptor.scope(), () -> "scope of " + type);
    }
    assertSame(registry.handler(), handler);
  }
}
