package dev.statefun.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testkit.Requests;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests with the headers the runtime's transports send ({@code Accept: application/octet-stream},
 * {@code Accept-Encoding: gzip,deflate}, {@code User-Agent: statefun}): Jersey must route them to the
 * endpoint rather than answer 406 itself, for replies and for errors alike.
 */
class RuntimeRequestHeadersTest {
  static HttpServer server;
  static URI uri;

  @BeforeAll
  static void start() throws Exception {
    FunctionRegistry registry = FunctionRegistry.builder()
        .register(FunctionSpec.builder("headers.fns/echo").withFunction((context, message) -> context.send(
            MessageBuilder.forAddress(context.self().type(), "peer").withValue(message.asString()).build())).build())
        .build();
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
        new ResourceConfig().register(new StatefulFunctionResource(registry.handler())));
    uri = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/statefun");
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  @Test
  void aRequestAsTheRuntimeSendsIt() {
    HttpResponse<byte[]> response = Http.send(asTheRuntime(Requests.to("headers.fns/echo", "a").invoke("hi").bytes()));

    assertEquals(200, response.statusCode(), Http.text(response));
    assertEquals(List.of("application/octet-stream"), response.headers().allValues("Content-Type"));
    assertEquals(List.of("peer:hi"), Requests.sentTo(Requests.decode(response.body())));
  }

  @Test
  void anErrorStillComesAsText() {
    HttpResponse<byte[]> response = Http.send(asTheRuntime(Requests.to("headers.fns/nobody", "a").invoke("x").bytes()));
    Http.assertError(response, 404, "headers.fns/nobody");
  }

  @Test
  void anyAcceptThatAllowsTheReply() {
    for (String accept : List.of("*/*", "application/*", "application/octet-stream, text/plain;q=0.5")) {
      HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(uri)
          .header("Content-Type", "application/octet-stream").header("Accept", accept)
          .POST(HttpRequest.BodyPublishers.ofByteArray(Requests.to("headers.fns/echo", "b").invoke("x").bytes()))
          .build());
      assertEquals(200, response.statusCode(), accept);
    }
  }

  static HttpRequest asTheRuntime(byte[] body) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/octet-stream")
        .header("Accept", "application/octet-stream")
        .header("Accept-Encoding", "gzip,deflate")
        .header("User-Agent", "statefun")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }
}
