package dev.statefun.jakarta.http;

import dev.statefun.jakarta.handler.RequestFailure;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The StateFun endpoint's HTTP contract, once for every transport: which status and one-line body
 * a request gets from its method, headers, declared length, its body as it arrives, the serving
 * state and the handler's reply or failure. A transport (the JAX-RS resource, the embedded server's
 * engine handler) asks it at each step and writes the {@link HttpAnswer} it returns as it is.
 *
 * <p>Statuses, each error a short {@code text/plain} line: 200 the reply, as
 * {@code application/octet-stream} without parameters (the runtime accepts nothing else); 400 an
 * empty, malformed or unreadable body; 404 another path or an unknown function type; 405 any method
 * but POST (with {@code Allow: POST}); 408 a body that did not arrive in time; 413 a body or batch
 * over the {@link EndpointLimits}; 415 another content type, or a {@code Content-Encoding}; 500 the
 * function failed, or a bug in the handler (saying so); 503 while draining (the connection closed),
 * or when the server cannot hold the body now ({@code Retry-After}: the runtime retries).
 */
public final class HttpContract {
  private static final System.Logger LOG = System.getLogger(HttpContract.class.getName());
  /** The only content type of a request, and of a reply (without parameters: the runtime rejects any). */
  public static final String OCTET_STREAM = "application/octet-stream";
  /** The content type of every error body. */
  public static final String TEXT = "text/plain; charset=UTF-8";
  public static final String CONNECTION = "Connection";
  public static final String ALLOW = "Allow";
  public static final String RETRY_AFTER = "Retry-After";
  /** Seconds a client waits before retrying a request refused for want of memory. */
  static final String RETRY_AFTER_SECONDS = "1";
  /** Error bodies may quote the request (a function type, a typename): they are cut here. */
  static final int MAX_MESSAGE = 300;

  private static final Map<String, String> CLOSE = Map.of(CONNECTION, "close");
  private static final Map<String, String> NO_HEADERS = Map.of();

  private final RequestReplyHandler handler;
  private final EndpointLimits limits;
  private final Supplier<ServingState> state;

  /**
   * @param state where the endpoint is in its life: requests are refused while it drains
   */
  public HttpContract(RequestReplyHandler handler, EndpointLimits limits, Supplier<ServingState> state) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.state = Objects.requireNonNull(state, "state");
  }

  /** The limits it applies. */
  public EndpointLimits limits() {
    return limits;
  }

  /**
   * The answer a request gets before any of its body is read, if it is refused; empty when its body
   * should be read. In this order: draining, method, content type, content encoding, declared size.
   *
   * @param contentType the {@code Content-Type} header, or null
   * @param contentEncoding the {@code Content-Encoding} header, or null
   * @param declaredLength the {@code Content-Length}, or -1 when there is none
   */
  public Optional<HttpAnswer> beforeBody(String method, String contentType, String contentEncoding,
      long declaredLength) {
    if (state.get() == ServingState.DRAINING) {
      return Optional.of(draining());
    }
    if (!"POST".equals(method)) {
      return Optional.of(notAllowed(method));
    }
    if (!isOctetStream(contentType)) {
      return Optional.of(error(415, "Expected Content-Type " + OCTET_STREAM + " (a StateFun ToFunction message), got "
          + (contentType == null ? "none" : "'" + contentType + "'")));
    }
    if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("identity")) {
      return Optional.of(error(415, "Content-Encoding " + contentEncoding.trim() + " is not supported: send the"
          + " ToFunction message unencoded (the StateFun runtime does)"));
    }
    if (declaredLength > limits.maxBodyBytes()) {
      return Optional.of(tooLarge(declaredLength + " bytes"));
    }
    return Optional.empty();
  }

  /** 503 while the server drains; the connection is closed so that the client goes elsewhere. */
  public static HttpAnswer draining() {
    return new HttpAnswer(503, TEXT, bytes("The server is shutting down; retry against another instance"), CLOSE);
  }

  /** 405 for any method but POST. */
  public static HttpAnswer notAllowed(String method) {
    return new HttpAnswer(405, TEXT, bytes(shorten("Method " + method + " is not allowed; POST a StateFun"
        + " ToFunction message as " + OCTET_STREAM)), Map.of(ALLOW, "POST"));
  }

  /** 404 for a path that serves nothing. */
  public static HttpAnswer notFound(String path) {
    return error(404, "Nothing is served at " + path);
  }

  /** 413: the body passed the limit while it was read (its length was not declared). */
  public HttpAnswer bodyTooLarge() {
    return tooLarge("more than " + limits.maxBodyBytes() + " bytes");
  }

  /** 408: the body did not arrive in time; the connection is closed, its rest never read. */
  public static HttpAnswer bodyTimedOut() {
    return new HttpAnswer(408, TEXT, bytes("The request body did not arrive in time; the connection is closed"), CLOSE);
  }

  /** 400: the body could not be read (the client went away, a broken chunk). */
  public static HttpAnswer bodyUnreadable(String reason) {
    return error(400, "Could not read the request body: " + reason);
  }

  /**
   * 503 with {@code Retry-After}: the server cannot hold this body now (its budget of in-flight
   * bodies is spent, or the heap is); the condition passes, and the runtime retries.
   *
   * @param closeConnection whether part of the body is unread (it is then not read)
   */
  public static HttpAnswer overBudget(String reason, boolean closeConnection) {
    return new HttpAnswer(503, TEXT, bytes(shorten(reason + "; retry shortly")), closeConnection
        ? Map.of(RETRY_AFTER, RETRY_AFTER_SECONDS, CONNECTION, "close")
        : Map.of(RETRY_AFTER, RETRY_AFTER_SECONDS));
  }

  /**
   * What a whole body gets: the handler's reply (200), or the failure's status. Never fails: an
   * unexpected failure of the handler is a 500 saying so, a heap exhausted on the way a 503.
   */
  public CompletionStage<HttpAnswer> reply(byte[] body) {
    if (body.length == 0) {
      return CompletableFuture.completedFuture(error(400, "Empty request body; expected a StateFun ToFunction message"));
    }
    CompletionStage<byte[]> reply;
    try {
      reply = handler.handle(body, limits.maxBatchSize());
    } catch (RuntimeException | OutOfMemoryError e) {
      return CompletableFuture.completedFuture(failed(e));
    }
    if (reply instanceof CompletableFuture<byte[]> done && done.isDone() && !done.isCompletedExceptionally()) {
      // The synchronous path: no stage chained, nothing more allocated.
      return CompletableFuture.completedFuture(ok(done.join()));
    }
    return reply.handle((bytes, failure) -> failure == null ? ok(bytes) : failed(failure));
  }

  /** 200 with the reply's bytes. */
  public static HttpAnswer ok(byte[] reply) {
    return new HttpAnswer(200, OCTET_STREAM, reply, NO_HEADERS);
  }

  /** The answer to a failure of the handler, or of anything on the way to its reply. */
  public static HttpAnswer failed(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (ranOutOfMemory(cause)) {
      // Whoever ran out (the function, the codec), the condition passes: the runtime retries.
      LOG.log(Level.WARNING, "The heap ran out while a StateFun request was handled; answering 503");
      return overBudget("The server ran out of memory handling this request", false);
    }
    if (cause instanceof RequestFailure e) {
      // The handler has logged what is not the caller's fault (500s) with its stack trace.
      return error(e.httpStatus(), e.getMessage());
    }
    LOG.log(Level.ERROR, "The StateFun request handler failed unexpectedly; answering 500", cause);
    return error(500, "The request handler failed: " + cause);
  }

  /** A one-line {@code text/plain} error. */
  public static HttpAnswer error(int status, String message) {
    return new HttpAnswer(status, TEXT, bytes(shorten(message)), NO_HEADERS);
  }

  private HttpAnswer tooLarge(String size) {
    return error(413, "The request body of " + size + " is over the limit of " + limits.maxBodyBytes()
        + " bytes (raise " + EndpointLimits.MAX_BODY_BYTES + ")");
  }

  /** Whether the header names application/octet-stream, ignoring case and parameters. */
  public static boolean isOctetStream(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return type.toLowerCase(Locale.ROOT).equals(OCTET_STREAM);
  }

  /**
   * The declared length, or -1 when there is none (a chunked body) or none that can be used. Only a
   * hint: the body is counted as it is read. Servers differ in what they pass on (Open Liberty over
   * HTTP/2 hands over a header that is no plain number), so an odd value is ignored, not refused.
   */
  public static long contentLength(String header) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    try {
      return Math.max(-1, Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean ranOutOfMemory(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String shorten(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
