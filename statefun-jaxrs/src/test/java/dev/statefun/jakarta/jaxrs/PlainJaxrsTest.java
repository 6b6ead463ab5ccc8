package dev.statefun.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.http.EndpointLimits;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The no-CDI path: a plain Jersey application registers {@code new StatefulFunctionResource(handler)}
 * for functions registered by hand, with limits from the application's properties. The HTTP contract
 * ({@link HttpContractSuite}) holds for the resource on Jersey (Grizzly), with the body limit from
 * the properties.
 */
class PlainJaxrsTest extends HttpContractSuite {
  static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
  static final long BODY_LIMIT = 1 << 20;
  static HttpServer server;
  static URI uri;
  static HttpServer classRegistered;

  @BeforeAll
  static void start() throws Exception {
    FunctionRegistry registry = FunctionRegistry.builder()
        .register(FunctionSpec.builder("plain.fns/counter").withValueSpec(COUNT)
            .withFunction((context, message) -> {
              int count = context.storage().get(COUNT).orElse(0) + 1;
              context.storage().set(COUNT, count);
              context.send(MessageBuilder.forAddress(context.self().type(), "peer")
                  .withValue(context.self().id() + ":" + message.asString() + ":" + count).build());
            }).build())
        .register(FunctionSpec.builder("plain.fns/later")
            .withAsyncFunction((context, message) -> CompletableFuture.runAsync(
                () -> context.send(MessageBuilder.forAddress(context.self().type(), "peer")
                    .withValue(context.self().id() + ":later:" + message.asString()).build()),
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)))
            .build())
        .build();
    ResourceConfig application = new ResourceConfig()
        .register(new StatefulFunctionResource(registry.handler()))
        .property(EndpointLimits.MAX_BATCH_SIZE, "3")
        .property(EndpointLimits.MAX_BODY_BYTES, String.valueOf(BODY_LIMIT));
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application);
    uri = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/statefun");
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
    if (classRegistered != null) {
      classRegistered.shutdownNow();
    }
  }

  @Override
  protected URI endpoint() {
    return uri;
  }

  @Override
  protected String functionType() {
    return "plain.fns/counter";
  }

  @Override
  protected long maxBodyBytes() {
    return BODY_LIMIT;
  }

  /** Grizzly refuses such a request itself: Jersey, and the resource, never see it. */
  @Override
  @Test
  @Disabled("Grizzly (jersey-container-grizzly2-http, Grizzly 4.0.2) answers a GET or DELETE that carries a body"
      + " with its own 400 Bad Request (no body, no Content-Type, Connection: close) before Jersey sees it:"
      + " HttpServerFilter's allowPayloadForUndefinedHttpMethods is false by default (ServerConfiguration"
      + ".setAllowPayloadForUndefinedHttpMethods). Seen on 2026-12-06 with a raw request: 'HTTP/1.1 400 Bad Request',"
      + " 'Content-Length: 0'")
  public void aGetOrDeleteCarryingABodyIs405AndTheConnectionStaysUsable() {}

  /** Grizzly's known h2c defect: the body of a request asking to upgrade never ends for the reader. */
  @Override
  @Test
  @Disabled("Grizzly 4.0.2 without its HTTP/2 filters never ends the body of a request that carries Upgrade: h2c"
      + " (glassfish-grizzly issue 1972; jersey issue 6059): the resource's read waits for the end of the body,"
      + " and the client got no byte of an answer within 10 s (seen 2026-12-06, JDK HttpClient and a raw socket)."
      + " Tried: with the body read only up to its Content-Length the answer came (200 in 0.7 s), but without its"
      + " Content-Type header (the symptom of glassfish-grizzly issue 2192)")
  public void aClientAskingForH2cGetsItsAnswerInTime() {}

  @Test
  void aResourceMadeWithoutCdiSaysWhatIsMissing() {
    // A subclass at its own path, registered as a class with no CDI around to inject a handler.
    classRegistered = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
        new ResourceConfig().register(Unwired.class));
    URI bare = URI.create("http://127.0.0.1:" + classRegistered.getListener("grizzly").getPort() + "/unwired");

    Http.assertError(Http.post(bare, Requests.to("plain.fns/counter", "a").invoke("x").bytes()), 500,
        "no function handler");
  }

  @jakarta.ws.rs.Path("unwired")
  public static class Unwired extends StatefulFunctionEndpoint {}

  @Test
  void servesASyncFunction() {
    HttpResponse<byte[]> response = Http.post(uri, Requests.to("plain.fns/counter", "a").state("count", Types.INT, 6).invoke("x").bytes());

    assertEquals(200, response.statusCode());
    assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));
    FromFunction reply = Requests.decode(response.body());
    assertEquals(7, Requests.value(Types.INT, reply.getInvocationResult().getStateMutations(0).getStateValue()));
    assertEquals(List.of("peer:a:x:7"), Requests.sentTo(reply));
  }

  @Test
  void servesAnAsyncFunction() {
    HttpResponse<byte[]> response = Http.post(uri, Requests.to("plain.fns/later", "b").invoke("y").bytes());

    assertEquals(200, response.statusCode());
    assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));
    assertEquals(List.of("peer:b:later:y"), Requests.sentTo(Requests.decode(response.body())));
  }

  @Test
  void limitsComeFromTheApplicationProperties() {
    Requests batch = Requests.to("plain.fns/counter", "a").state("count", Types.INT, 1);
    for (int i = 0; i < 4; i++) {
      batch.invoke("m" + i);
    }
    Http.assertError(Http.post(uri, batch.bytes()), 413, "at most 3");
  }
}
