package dev.statefun.jakarta.jaxrs;

import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.http.BodyReader;
import dev.statefun.jakarta.http.BodyTooLargeException;
import dev.statefun.jakarta.http.EndpointLimits;
import dev.statefun.jakarta.http.HttpAnswer;
import dev.statefun.jakarta.http.HttpContract;
import dev.statefun.jakarta.http.ServingState;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Serves the StateFun request-reply protocol over HTTP: the runtime POSTs
 * {@code application/octet-stream} {@code ToFunction} bytes and gets {@code FromFunction} bytes back.
 * It has no {@code @Path}: {@link StatefulFunctionResource} serves it at {@code statefun}; to serve it
 * elsewhere, subclass it with your own {@code @Path}.
 *
 * <p>A thin adapter: every status and body comes from {@link HttpContract}, as on the embedded
 * server (see there for the list). Content type, method and size are checked by the contract rather
 * than by {@code @Consumes} and the container, so that every server answers with the same bodies.
 * Here the container reads the body with a blocking stream; a body that stalls past the container's
 * read timeout is answered 408.
 *
 * <p>The reply is produced asynchronously: no request thread waits for an async function.
 */
public abstract class StatefulFunctionEndpoint {
  private static final System.Logger LOG = System.getLogger(StatefulFunctionEndpoint.class.getName());
  static final String OCTET_STREAM = HttpContract.OCTET_STREAM;

  private RequestReplyHandler handler;
  // Null until the first request reads the limits from the application's properties.
  private volatile HttpContract contract;
  private EndpointLimits limits;

  /** For CDI's client proxies, which delegate every call to a fully constructed instance. */
  protected StatefulFunctionEndpoint() {}

  /** Serves {@code handler} with the limits from the JAX-RS application's properties (or defaults). */
  protected StatefulFunctionEndpoint(RequestReplyHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** Serves {@code handler} with these limits; the application's properties are then ignored. */
  protected StatefulFunctionEndpoint(RequestReplyHandler handler, EndpointLimits limits) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Handles one invocation batch. The {@code @Produces} matters: without concrete types Jersey derives
   * the method's media types from the writers for its return type, finds none for
   * {@code CompletionStage<Response>}, and answers the runtime's {@code Accept: application/octet-stream}
   * with an empty 406. The wildcard keeps any other {@code Accept} (say {@code application/json}) from
   * an empty 406 too: the contract answers whatever the client accepts. Every response here sets its
   * own type.
   */
  @POST
  @Blocking
  @Produces({OCTET_STREAM, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
  public CompletionStage<Response> invoke(
      @Context HttpHeaders headers, @Context Configuration configuration, InputStream body) {
    if (handler == null) {
      LOG.log(Level.ERROR, "StateFun endpoint " + getClass().getName() + " has no RequestReplyHandler");
      return done(HttpContract.error(500, "The StateFun endpoint has no function handler: it was created without"
          + " CDI; add statefun-cdi (and beans.xml) to the application, or register new "
          + getClass().getSimpleName() + "(handler)"));
    }
    HttpContract contract;
    try {
      contract = contract(configuration);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.ERROR, "StateFun endpoint misconfigured: " + e.getMessage());
      return done(HttpContract.error(500, "The StateFun endpoint is misconfigured: " + e.getMessage()));
    }
    long declared = HttpContract.contentLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH));
    Optional<HttpAnswer> refused = contract.beforeBody("POST", headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
        headers.getHeaderString(HttpHeaders.CONTENT_ENCODING), declared);
    if (refused.isPresent()) {
      return done(refused.get());
    }
    byte[] request;
    try {
      request = BodyReader.readBlocking(body, declared, contract.limits().maxBodyBytes());
    } catch (BodyTooLargeException e) {
      return done(contract.bodyTooLarge());
    } catch (IOException e) {
      return done(isTimeout(e) ? HttpContract.bodyTimedOut() : HttpContract.bodyUnreadable(e.getMessage()));
    }
    return contract.reply(request).thenApply(StatefulFunctionEndpoint::response);
  }

  /**
   * Reads the settings as the application starts, so that a bad value in the server's MicroProfile
   * Config fails the deployment with the setting's name rather than every request with a 500.
   * (Values from the JAX-RS application's properties can only be read with the first request.)
   */
  void checkSettings(@Observes Startup startup) {
    if (limits == null) {
      EndpointSettings.read(name -> null);
    }
  }

  @GET
  public Response get() {
    return response(HttpContract.notAllowed("GET"));
  }

  @HEAD
  public Response head() {
    return response(HttpContract.notAllowed("HEAD"));
  }

  @PUT
  public Response put() {
    return response(HttpContract.notAllowed("PUT"));
  }

  @DELETE
  public Response delete() {
    return response(HttpContract.notAllowed("DELETE"));
  }

  @PATCH
  public Response patch() {
    return response(HttpContract.notAllowed("PATCH"));
  }

  @OPTIONS
  public Response options() {
    return response(HttpContract.notAllowed("OPTIONS"));
  }

  private HttpContract contract(Configuration configuration) {
    HttpContract known = contract;
    if (known == null) {
      EndpointLimits chosen = limits != null ? limits
          : EndpointSettings.read(configuration == null ? name -> null : configuration::getProperty);
      // The server's own lifecycle decides readiness; requests reaching the resource are served.
      known = new HttpContract(handler, chosen, () -> ServingState.SERVING);
      contract = known;
    }
    return known;
  }

  /** The contract's answer as a JAX-RS response, its headers and length included. */
  static Response response(HttpAnswer answer) {
    Response.ResponseBuilder response = Response.status(answer.status()).type(answer.contentType())
        .entity(answer.body()).header(HttpHeaders.CONTENT_LENGTH, answer.body().length);
    answer.headers().forEach(response::header);
    return response.build();
  }

  private static CompletionStage<Response> done(HttpAnswer answer) {
    return CompletableFuture.completedFuture(response(answer));
  }

  /**
   * Whether reading failed because the client stalled past the container's read timeout: Grizzly
   * reports a {@link TimeoutException} inside an {@link IOException} (GlassFish and Payara, past
   * their request timeout, an {@link InterruptedException}), servlet containers a
   * {@link java.net.SocketTimeoutException}.
   */
  private static boolean isTimeout(IOException e) {
    return e instanceof InterruptedIOException || e.getCause() instanceof TimeoutException
        || e.getCause() instanceof InterruptedException;
  }
}
