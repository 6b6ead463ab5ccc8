package dev.statefun.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.http.EndpointLimits;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.message.MessageBuilder;
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
import org.junit.jupiter.api.Test;

/**
 * The no-CDI path: a plain Jersey application registers {@code new StatefulFunctionResource(handler)}
 * for functions registered by hand, with limits from the application's properties.
 */
class PlainJaxrsTest {
  static final ValueSpec<Integer> COUNT = ValueSpec.of("count", Types.INT);
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
        .property(EndpointLimits.MAX_BATCH_SIZE, "3");
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

  @Test
  void aResourceMadeWithoutCdiSaysWhatIsMissing() {
    // A subclass at its own path, registered as a class with no CDI around to inject a handler.
    classRegistered = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
        new ResourceConfig().register(Unwired.class));
    URI bare = URI.create("http://127.0.0.1:" + classRegistered.getListener("grizzly").getPort() + "/unwired");

    Http.assertError(Http.post(bare, Wire.to("plain.fns/counter", "a").invokeString("x").bytes()), 500,
        "no function handler");
  }

  @jakarta.ws.rs.Path("unwired")
  public static class Unwired extends StatefulFunctionEndpoint {}

  @Test
  void servesASyncFunction() {
    HttpResponse<byte[]> response = Http.post(uri, Wire.to("plain.fns/counter", "a").intState("count", 6).invokeString("x").bytes());

    assertEquals(200, response.statusCode());
    assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));
    FromFunction reply = Wire.reply(response.body());
    assertEquals(7, Wire.intValue(reply.getInvocationResult().getStateMutations(0).getStateValue()));
    assertEquals(List.of("peer:a:x:7"), Wire.sentStrings(reply));
  }

  @Test
  void servesAnAsyncFunction() {
    HttpResponse<byte[]> response = Http.post(uri, Wire.to("plain.fns/later", "b").invokeString("y").bytes());

    assertEquals(200, response.statusCode());
    assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));
    assertEquals(List.of("peer:b:later:y"), Wire.sentStrings(Wire.reply(response.body())));
  }

  @Test
  void statusesComeFromTheEndpoint() {
    byte[] request = Wire.to("plain.fns/counter", "a").intState("count", 1).invokeString("x").bytes();
    Http.assertError(Http.post(uri, request, "text/plain"), 415, "application/octet-stream");
    Http.assertError(Http.post(uri, new byte[0]), 400, "Empty request body");
    Http.assertError(Http.post(uri, Wire.to("plain.fns/none", "a").invokeString("x").bytes()), 404,
        "plain.fns/none");
    Http.assertError(Http.send(java.net.http.HttpRequest.newBuilder(uri).GET().build()), 405,
        "Method GET is not allowed");
  }

  @Test
  void limitsComeFromTheApplicationProperties() {
    Wire batch = Wire.to("plain.fns/counter", "a").intState("count", 1);
    for (int i = 0; i < 4; i++) {
      batch.invokeString("m" + i);
    }
    Http.assertError(Http.post(uri, batch.bytes()), 413, "at most 3");
  }
}
