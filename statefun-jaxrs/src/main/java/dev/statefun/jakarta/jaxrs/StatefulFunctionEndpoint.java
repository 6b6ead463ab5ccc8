package dev.statefun.jakarta.jaxrs;

import dev.statefun.jakarta.handler.RequestFailure;
import dev.statefun.jakarta.handler.RequestReplyHandler;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Serves the StateFun request-reply protocol over HTTP: the runtime POSTs
 * {@code application/octet-stream} {@code ToFunction} bytes and gets {@code FromFunction} bytes back.
 * It has no {@code @Path}: {@link StatefulFunctionResource} serves it at {@code statefun}; to serve it
 * elsewhere, subclass it with your own {@code @Path}.
 *
 * <p>Statuses, each error with a one-line {@code text/plain} body: 200 with the reply; 400 empty or
 * malformed body; 404 unknown function type; 405 any method but POST; 408 a body that stalls past the
 * container's read timeout; 413 body or batch over the {@link EndpointLimits}; 415 a content type
 * other than {@code application/octet-stream}, or a {@code Content-Encoding} (gzip, say); 500 the
 * function failed (also logged with the function's address), or a bug in the handler (saying so).
 * The handler's failures carry their own status ({@link RequestFailure#httpStatus()}); this class
 * adds only the HTTP-level ones. Content type, method and size are
 * checked here rather than by {@code @Consumes} and the container, so that every server answers with
 * the same bodies.
 *
 * <p>The reply is produced asynchronously: no request thread waits for an async function.
 */
public abstract class StatefulFunctionEndpoint {
  private static final System.Logger LOG = System.getLogger(StatefulFunctionEndpoint.class.getName());
  /** The only content type the runtime accepts back, without parameters. */
  static final String OCTET_STREAM = "application/octet-stream";
  private static final String TEXT = "text/plain; charset=UTF-8";
  private static final int MAX_MESSAGE = 300;

  private RequestReplyHandler handler;
  // Null until the first request reads them from the application's properties.
  private volatile EndpointLimits limits;

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
   * with an empty 406. Every response here sets its own type.
   */
  @POST
  @Produces({OCTET_STREAM, MediaType.TEXT_PLAIN})
  public CompletionStage<Response> invoke(
      @Context HttpHeaders headers, @Context Configuration configuration, InputStream body) {
    EndpointLimits limits;
    try {
      limits = limits(configuration);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.ERROR, "StateFun endpoint misconfigured: " + e.getMessage());
      return done(text(500, "The StateFun endpoint is misconfigured: " + e.getMessage()));
    }
    String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (!isOctetStream(contentType)) {
      return done(text(415, "Expected Content-Type " + OCTET_STREAM + " (a StateFun ToFunction message), got "
          + (contentType == null ? "none" : "'" + contentType + "'")));
    }
    String encoding = headers.getHeaderString(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      return done(text(415, "Content-Encoding " + encoding.trim() + " is not supported: send the ToFunction"
          + " message unencoded (the StateFun runtime does)"));
    }
    long declared = contentLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH));
    if (declared > limits.maxBodyBytes()) {
      return done(tooLarge(limits, declared + " bytes"));
    }
    byte[] request;
    try {
      request = readBody(body, declared, limits.maxBodyBytes());
    } catch (BodyTooLargeException e) {
      return done(tooLarge(limits, "more than " + limits.maxBodyBytes() + " bytes"));
    } catch (IOException e) {
      if (isTimeout(e)) {
        return done(Response.status(408).type(TEXT).header("Connection", "close")
            .entity("The request body did not arrive in time; the connection is closed").build());
      }
      return done(text(400, "Could not read the request body: " + e.getMessage()));
    }
    if (request.length == 0) {
      return done(text(400, "Empty request body; expected a StateFun ToFunction message"));
    }
    if (handler == null) {
      LOG.log(Level.ERROR, "StateFun endpoint " + getClass().getName() + " has no RequestReplyHandler");
      return done(text(500, "The StateFun endpoint has no function handler: it was created without CDI;"
          + " add statefun-cdi (and beans.xml) to the application, or register new "
          + getClass().getSimpleName() + "(handler)"));
    }
    CompletionStage<byte[]> reply;
    try {
      reply = handler.handle(request, limits.maxBatchSize());
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    return reply.handle((bytes, failure) -> failure == null
        ? Response.ok(bytes, OCTET_STREAM).header(HttpHeaders.CONTENT_LENGTH, bytes.length).build()
        : failed(failure));
  }

  @GET
  public Response get() {
    return notAllowed("GET");
  }

  @HEAD
  public Response head() {
    return notAllowed("HEAD");
  }

  @PUT
  public Response put() {
    return notAllowed("PUT");
  }

  @DELETE
  public Response delete() {
    return notAllowed("DELETE");
  }

  @PATCH
  public Response patch() {
    return notAllowed("PATCH");
  }

  @OPTIONS
  public Response options() {
    return notAllowed("OPTIONS");
  }

  private EndpointLimits limits(Configuration configuration) {
    EndpointLimits known = limits;
    if (known == null) {
      known = configuration == null ? EndpointLimits.DEFAULTS : EndpointLimits.from(configuration::getProperty);
      limits = known;
    }
    return known;
  }

  private static Response failed(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof RequestFailure e) {
      // The handler has logged what is not the caller's fault (500s) with its stack trace.
      return text(e.httpStatus(), e.getMessage());
    }
    LOG.log(Level.ERROR, "The StateFun request handler failed unexpectedly; answering 500", cause);
    return text(500, "The request handler failed: " + cause);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static Response notAllowed(String method) {
    return Response.status(405).header(HttpHeaders.ALLOW, "POST").type(TEXT)
        .entity("Method " + method + " is not allowed; POST a StateFun ToFunction message as " + OCTET_STREAM)
        .build();
  }

  private static Response tooLarge(EndpointLimits limits, String size) {
    return text(413, "The request body of " + size + " is over the limit of " + limits.maxBodyBytes()
        + " bytes (raise " + EndpointLimits.MAX_BODY_BYTES + ")");
  }

  private static Response text(int status, String message) {
    // Messages may quote the request (a function type, a typename): keep the body short whatever it holds.
    String shortened = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    return Response.status(status).type(TEXT).entity(shortened).build();
  }

  private static CompletionStage<Response> done(Response response) {
    return CompletableFuture.completedFuture(response);
  }

  /** Whether the header names application/octet-stream, ignoring case and parameters. */
  static boolean isOctetStream(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return type.toLowerCase(Locale.ROOT).equals(OCTET_STREAM);
  }

  /**
   * The declared length, or -1 when there is none (a chunked body) or none we can use. Only a hint:
   * the body is counted as it is read. Servers differ in what they pass on (Open Liberty over HTTP/2
   * hands over a header that is no plain number), so an odd value is ignored rather than refused.
   */
  static long contentLength(String header) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    try {
      return Math.max(-1, Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Reads the body, failing as soon as it passes {@code max} bytes, so an oversized chunked body is
   * never held whole. The buffer starts at the declared length (capped, so a lying header cannot
   * make us allocate up front) and grows only as bytes arrive.
   */
  static byte[] readBody(InputStream in, long declared, long max) throws IOException {
    if (in == null) {
      return new byte[0];
    }
    int initial = (int) Math.min(declared >= 0 ? declared : 8192, 1 << 20);
    byte[] buffer = new byte[Math.max(initial, 16)];
    int count = 0;
    while (true) {
      if (count == buffer.length) {
        // Full: probe for one more byte before growing, so an exact Content-Length costs no copy.
        int next = in.read();
        if (next < 0) {
          return buffer;
        }
        if (count + 1L > max) {
          throw new BodyTooLargeException();
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(1024L, 2L * buffer.length)));
        buffer[count++] = (byte) next;
        continue;
      }
      int read = in.read(buffer, count, buffer.length - count);
      if (read < 0) {
        return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
      }
      count += read;
      if (count > max) {
        throw new BodyTooLargeException();
      }
    }
  }

  /**
   * Whether reading failed because the client stalled past the container's read timeout: Grizzly
   * reports a {@link TimeoutException} inside an {@link IOException}, servlet containers a
   * {@link java.net.SocketTimeoutException}.
   */
  private static boolean isTimeout(IOException e) {
    return e instanceof InterruptedIOException || e.getCause() instanceof TimeoutException;
  }

  /** The body passed the limit while being read. */
  private static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super(null, null);
    }
  }
}
