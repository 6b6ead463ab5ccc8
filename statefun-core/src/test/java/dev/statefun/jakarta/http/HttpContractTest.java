package dev.statefun.jakarta.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.testkit.Requests;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The contract's decisions, without a transport: what each request gets, in which order. */
class HttpContractTest {
  static final TypeName OOM = TypeName.parse("contract.fns/oom");
  final AtomicReference<ServingState> state = new AtomicReference<>(ServingState.SERVING);
  final RequestReplyHandler handler = FunctionRegistry.builder()
      .register(FunctionSpec.builder(OOM).withFunction((context, message) -> {
        throw new OutOfMemoryError("thrown by the test");
      }).build())
      .build().handler();
  final HttpContract contract = new HttpContract(handler, new EndpointLimits(1000, 10), state::get);

  @Test
  void refusalsBeforeTheBodyComeInTheContractsOrder() {
    assertEquals(Optional.empty(), contract.beforeBody("POST", "application/octet-stream", null, 1000));
    assertEquals(Optional.empty(), contract.beforeBody("POST", "Application/Octet-Stream; q=1", "identity", -1));
    // Method before content type, content type before encoding, encoding before size.
    assertStatus(405, contract.beforeBody("GET", "text/plain", "gzip", 5000));
    assertStatus(415, contract.beforeBody("POST", "text/plain", "gzip", 5000));
    assertStatus(415, contract.beforeBody("POST", null, null, 10));
    assertStatus(415, contract.beforeBody("POST", "application/octet-stream", "gzip", 5000));
    assertStatus(413, contract.beforeBody("POST", "application/octet-stream", null, 1001));
    state.set(ServingState.DRAINING);
    HttpAnswer draining = contract.beforeBody("POST", "application/octet-stream", null, 10).orElseThrow();
    assertEquals(503, draining.status());
    assertTrue(draining.closesConnection());
  }

  @Test
  void everyOtherMethodIs405WithAllowPost() {
    for (String method : new String[] {"GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO"}) {
      HttpAnswer answer = contract.beforeBody(method, "application/octet-stream", null, 10).orElseThrow();
      assertEquals(405, answer.status(), method);
      assertEquals(Map.of("Allow", "POST"), answer.headers(), method);
      assertEquals(HttpContract.TEXT, answer.contentType());
      assertTrue(answer.text().contains(method), answer.text());
    }
  }

  @Test
  void theHandlersOutcomeMapsToItsStatus() {
    assertEquals(400, contract.reply(new byte[0]).toCompletableFuture().join().status());
    assertEquals(400, contract.reply(new byte[] {(byte) 0xff}).toCompletableFuture().join().status());
    HttpAnswer unknown = contract.reply(
        invoke("contract.fns/none", "a")).toCompletableFuture().join();
    assertEquals(404, unknown.status());
    assertFalse(unknown.closesConnection());
  }

  @Test
  void aHeapThatRunsOutIsA503WithRetryAfter() {
    HttpAnswer answer = contract.reply(invoke(OOM.canonical(), "a"))
        .toCompletableFuture().join();
    assertEquals(503, answer.status(), answer::text);
    assertEquals("1", answer.headers().get(HttpContract.RETRY_AFTER));
    HttpAnswer direct = HttpContract.failed(new java.util.concurrent.CompletionException(new OutOfMemoryError()));
    assertEquals(503, direct.status());
  }

  @Test
  void anUnexpectedFailureIs500SayingSoAndEveryMessageStaysShort() {
    HttpAnswer bug = HttpContract.failed(new IllegalStateException("x".repeat(5000)));
    assertEquals(500, bug.status());
    assertTrue(bug.text().startsWith("The request handler failed"), bug.text());
    assertTrue(bug.text().length() <= HttpContract.MAX_MESSAGE + 3, () -> bug.text().length() + " characters");
    RequestReplyHandler failing = (request, max) -> CompletableFuture.failedFuture(new IllegalStateException("late"));
    HttpAnswer late = new HttpContract(failing, EndpointLimits.DEFAULTS, () -> ServingState.SERVING)
        .reply(new byte[] {1}).toCompletableFuture().join();
    assertEquals(500, late.status());
  }

  /** One invocation of {@code type} at id {@code id}, with a string argument. */
  private static byte[] invoke(String type, String id) {
    return Requests.to(type, id).invoke("x").bytes();
  }

  private static void assertStatus(int status, Optional<HttpAnswer> answer) {
    assertEquals(status, answer.orElseThrow(() -> new AssertionError("no refusal, expected " + status)).status());
    assertEquals(HttpContract.TEXT, answer.get().contentType());
  }
}
