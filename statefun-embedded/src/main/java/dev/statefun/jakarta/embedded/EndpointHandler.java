package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.http.BodyBudget;
import dev.statefun.jakarta.http.BodyReader;
import dev.statefun.jakarta.http.BodyTooLargeException;
import dev.statefun.jakarta.http.HttpAnswer;
import dev.statefun.jakarta.http.HttpContract;
import dev.statefun.jakarta.http.OverBudgetException;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * Serves the StateFun endpoint on Undertow without blocking a thread: the body is read as it
 * arrives, on the connection's I/O thread, into one array sized by {@code Content-Length}; a
 * synchronous function then runs on that thread (no hand-off) and an asynchronous one answers when
 * its stage completes. Every status and body comes from the {@link HttpContract}.
 *
 * <p>Protection: the whole body must arrive within the request timeout (else 408, the connection
 * closed), so a trickling client holds no thread and not for long; the bytes of all bodies held at
 * once are bounded by the {@link BodyBudget} (else 503 with {@code Retry-After}).
 */
final class EndpointHandler implements HttpHandler {
  /** The body being read for an exchange, whose budget is given back when the exchange completes. */
  static final AttachmentKey<BodyReader> BODY = AttachmentKey.create(BodyReader.class);

  /** Runs one call to the handler inside whatever the container needs (CDI's request context). */
  @FunctionalInterface
  interface CallScope {
    /** Calls straight through. */
    CallScope NONE = new CallScope() {
      @Override
      public <T> T call(Function<byte[], T> call, byte[] body) {
        return call.apply(body);
      }
    };

    <T> T call(Function<byte[], T> call, byte[] body);
  }

  private static final System.Logger LOG = System.getLogger(EmbeddedServer.class.getName());
  private static final Runnable KEEP_OPEN = () -> {};

  private final HttpContract contract;
  private final BodyBudget budget;
  private final long bodyTimeoutMillis;
  private final CallScope scope;
  private final Executor functionThreads; // null: functions run on the I/O thread

  /**
   * @param functionThreads where functions run when they may block; null to run them on the I/O thread
   */
  EndpointHandler(HttpContract contract, BodyBudget budget, long bodyTimeoutMillis, CallScope scope,
      Executor functionThreads) {
    this.contract = Objects.requireNonNull(contract, "contract");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.bodyTimeoutMillis = bodyTimeoutMillis;
    this.scope = Objects.requireNonNull(scope, "scope");
    this.functionThreads = functionThreads;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    HeaderMap headers = exchange.getRequestHeaders();
    long declared = HttpContract.contentLength(headers.getFirst(Headers.CONTENT_LENGTH));
    Optional<HttpAnswer> refused = contract.beforeBody(exchange.getRequestMethod().toString(),
        headers.getFirst(Headers.CONTENT_TYPE), headers.getFirst(Headers.CONTENT_ENCODING), declared);
    if (refused.isPresent()) {
      refuse(exchange, refused.get());
      return;
    }
    BodyReader reader;
    try {
      reader = BodyReader.start(declared, contract.limits().maxBodyBytes(), budget);
    } catch (BodyTooLargeException e) {
      refuse(exchange, contract.bodyTooLarge());
      return;
    } catch (OverBudgetException e) {
      refuse(exchange, HttpContract.overBudget(e.getMessage(), false));
      return;
    }
    // Released when the answer is sent, or by ServerRoot's completion listener if the exchange ends without one.
    exchange.putAttachment(BODY, reader);
    new BodyRead(exchange, reader).start();
  }

  /**
   * One body being read. Everything here runs on the connection's I/O thread (the read listener
   * and the deadline both do), so it needs no locking.
   */
  private final class BodyRead implements ChannelListener<StreamSourceChannel>, Runnable {
    private final HttpServerExchange exchange;
    private final BodyReader reader;
    private StreamSourceChannel channel;
    private XnioExecutor.Key deadline;
    private boolean finished;

    BodyRead(HttpServerExchange exchange, BodyReader reader) {
      this.exchange = exchange;
      this.reader = reader;
    }

    void start() {
      channel = exchange.getRequestChannel();
      if (channel == null || readSome()) {
        if (channel == null) {
          finish(HttpContract.bodyUnreadable("the body was already consumed"));
        }
        return;
      }
      deadline = exchange.getIoThread().executeAfter(this, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
      channel.getReadSetter().set(this);
      channel.resumeReads();
    }

    @Override
    public void handleEvent(StreamSourceChannel source) {
      readSome();
    }

    /** The deadline: the body did not arrive in time. */
    @Override
    public void run() {
      deadline = null;
      if (!finished) {
        exchange.setPersistent(false);
        finish(HttpContract.bodyTimedOut());
      }
    }

    /** Reads what has arrived; true once the request is answered or handed to the function. */
    private boolean readSome() {
      if (finished) {
        return true;
      }
      try {
        if (!reader.readAvailable(channel)) {
          return false;
        }
      } catch (BodyTooLargeException e) {
        finish(contract.bodyTooLarge());
        return true;
      } catch (OverBudgetException e) {
        finish(HttpContract.overBudget(e.getMessage(), false));
        return true;
      } catch (IOException e) {
        exchange.setPersistent(false);
        finish(HttpContract.bodyUnreadable(String.valueOf(e.getMessage())));
        return true;
      }
      finish(null);
      return true;
    }

    /** Stops reading and answers: with {@code refusal}, or (null) with what the function replies. */
    private void finish(HttpAnswer refusal) {
      finished = true;
      if (deadline != null) {
        deadline.remove();
        deadline = null;
      }
      if (channel != null) {
        channel.getReadSetter().set(null);
        channel.suspendReads();
      }
      if (refusal != null) {
        refuse(exchange, refusal);
      } else if (functionThreads != null) {
        byte[] body = reader.body();
        keepOpen(exchange);
        functionThreads.execute(() -> invoke(exchange, body));
      } else {
        invoke(exchange, reader.body());
      }
    }
  }

  private void invoke(HttpServerExchange exchange, byte[] body) {
    CompletionStage<HttpAnswer> answer;
    try {
      answer = scope.call(contract::reply, body);
    } catch (RuntimeException | OutOfMemoryError e) {
      answer = CompletableFuture.completedFuture(HttpContract.failed(e));
    }
    if (answer instanceof CompletableFuture<HttpAnswer> done && done.isDone() && exchange.isInIoThread()) {
      send(exchange, done.join()); // the synchronous path: answered on this thread, now
      return;
    }
    keepOpen(exchange);
    // The exchange is written from its own I/O thread, whichever thread completes the stage.
    answer.whenComplete((reply, failure) -> exchange.getIoThread().execute(() ->
        send(exchange, failure == null ? reply : HttpContract.failed(failure))));
  }

  /**
   * Keeps the exchange open after the handler's call returns: it is answered later. Inside the call,
   * a dispatch stops Undertow from ending the exchange when the call returns; outside it, this runs
   * the empty task at once and changes nothing.
   */
  private static void keepOpen(HttpServerExchange exchange) {
    exchange.dispatch(SameThreadExecutor.INSTANCE, KEEP_OPEN);
  }

  /**
   * Answers a request whose body is not read whole. Undertow then reads and discards the rest (up to
   * the limit plus a margin: MAX_ENTITY_SIZE), so that a client still sending reads the answer rather
   * than a reset connection, and the connection can serve the next request. A client that never
   * sends the rest is cut off after the request timeout, as one whose body stalls.
   */
  private void refuse(HttpServerExchange exchange, HttpAnswer answer) {
    send(exchange, answer);
    if (!exchange.isRequestComplete() && exchange.getConnection().isOpen()) {
      exchange.getIoThread().executeAfter(() -> {
        if (!exchange.isRequestComplete()) {
          IoUtils.safeClose(exchange.getConnection());
        }
      }, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Writes an answer as it is, with its length; closes the connection where the answer says so. The
   * body's share of the budget is given back first: a client that has its answer finds the budget free
   * (the exchange's completion, which releases too, can run after the client has read the answer).
   * Runs on the exchange's I/O thread, as the completion listener does.
   */
  static void send(HttpServerExchange exchange, HttpAnswer answer) {
    BodyReader body = exchange.getAttachment(BODY);
    if (body != null) {
      body.release();
    }
    exchange.setStatusCode(answer.status());
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(Headers.CONTENT_TYPE, answer.contentType());
    for (Map.Entry<String, String> header : answer.headers().entrySet()) {
      headers.put(HttpString.tryFromString(header.getKey()), header.getValue());
    }
    if (answer.closesConnection()) {
      exchange.setPersistent(false);
    }
    exchange.setResponseContentLength(answer.body().length);
    exchange.getResponseSender().send(ByteBuffer.wrap(answer.body()), AnswerWritten.INSTANCE);
  }

  /**
   * Ends the exchange once its answer is written. A client that went away before its answer is
   * worth a debug line, not a warning: the answer has nowhere to go.
   */
  private enum AnswerWritten implements IoCallback {
    INSTANCE;

    @Override
    public void onComplete(HttpServerExchange exchange, Sender sender) {
      if (exchange.isRequestComplete() || exchange.isResponseComplete()) {
        IoCallback.END_EXCHANGE.onComplete(exchange, sender);
      } else {
        // Refused before its body was read: Undertow discards the body before it ends the exchange,
        // so the answer is flushed first, or the client waiting for it would wait for good.
        sender.close(IoCallback.END_EXCHANGE);
      }
    }

    @Override
    public void onException(HttpServerExchange exchange, Sender sender, IOException exception) {
      LOG.log(System.Logger.Level.DEBUG, () -> "The client at " + exchange.getSourceAddress()
          + " disconnected before its reply was written (" + exception.getMessage() + ")");
      try {
        exchange.endExchange();
      } finally {
        IoUtils.safeClose(exchange.getConnection());
      }
    }
  }
}
