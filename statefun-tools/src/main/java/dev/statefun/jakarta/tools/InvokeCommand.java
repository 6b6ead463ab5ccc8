package dev.statefun.jakarta.tools;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The curl of StateFun: sends one message to a function behind an endpoint, as the runtime would, and prints
 * the reply decoded.
 *
 * <pre>
 * invoke [--json] [--state NAME=VALUE]... [--caller NAMESPACE/NAME/ID] [--dump-request FILE] URL NAMESPACE/NAME ID VALUE
 * </pre>
 *
 * VALUE (and a state's value) is {@code KIND:VALUE} (see {@link TypedArgument}). If the function asks for state
 * the request did not carry (an incomplete-context reply), the message is sent again with that state empty, as
 * the runtime does for a new address. With {@code --state}, a batch without invocations first asks the function
 * which state it declares (nothing runs), and a name it does not declare is refused. {@code --dump-request} writes
 * the last request sent (the protobuf bytes, for {@code curl --data-binary @FILE}). Exit status: 0 for a reply, 1 for an HTTP error or an unusable reply,
 * 2 for a usage mistake.
 */
public final class InvokeCommand {
  static final String USAGE = "usage: invoke [--json] [--state NAME=VALUE]... [--caller NAMESPACE/NAME/ID]"
      + " [--dump-request FILE] URL NAMESPACE/NAME ID VALUE\n  VALUE: " + TypedArgument.SYNTAX;

  private InvokeCommand() {}

  /**
   * Runs the command and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Request request;
    try {
      request = Request.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("invoke: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      Outcome outcome = send(request);
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("target", request.function() + "/" + request.id());
      model.put("emptyStateSent", outcome.emptyStateSent());
      model.putAll(ReplyDecoder.toModel(outcome.response()));
      if (request.json()) {
        out.println(Json.write(model));
      } else {
        if (!outcome.emptyStateSent().isEmpty()) {
          out.println("(the function asked for state " + outcome.emptyStateSent() + ": sent again with it empty)");
        }
        ReplyDecoder.toText(model).forEach(out::println);
      }
      return 0;
    } catch (InvokeException e) {
      err.println("invoke: " + e.getMessage());
      return 1;
    } catch (UnknownStateException e) {
      err.println("invoke: " + e.getMessage());
      return 2;
    }
  }

  /** The reply, and the state names sent empty because the function asked for them. */
  record Outcome(FromFunction.InvocationResponse response, List<String> emptyStateSent) {}

  static Outcome send(Request request) throws InvokeException, UnknownStateException {
    // HTTP/1.1 as the runtime speaks it; the JDK client would otherwise offer an h2c upgrade with the body.
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    if (!request.state().isEmpty()) {
      checkDeclared(client, request);
    }
    Map<String, TypedValue> state = new LinkedHashMap<>(request.state());
    List<String> emptySent = new ArrayList<>();
    // The runtime answers an incomplete context once per new state; a second one for the same names would loop.
    for (int attempt = 0; attempt < 2; attempt++) {
      FromFunction reply = post(client, request, state, true);
      if (reply.hasInvocationResult()) {
        return new Outcome(reply.getInvocationResult(), List.copyOf(emptySent));
      }
      if (!reply.hasIncompleteInvocationContext()) {
        throw new InvokeException("the reply holds neither a result nor a request for state: " + reply);
      }
      boolean added = false;
      for (FromFunction.PersistedValueSpec missing : reply.getIncompleteInvocationContext().getMissingValuesList()) {
        if (!state.containsKey(missing.getStateName())) {
          state.put(missing.getStateName(), TypedValue.newBuilder().setTypename(missing.getTypeTypename()).build());
          emptySent.add(missing.getStateName());
          added = true;
        }
      }
      if (!added) {
        throw new InvokeException("the function asks again for state it was sent: "
            + reply.getIncompleteInvocationContext().getMissingValuesList());
      }
    }
    throw new InvokeException("the function still asks for state after it was sent every value it named");
  }

  /**
   * Refuses {@code --state} names the function does not declare: a batch with no state and no invocation is
   * answered with every declared state as missing (or, if it declares none, with an empty result), and runs nothing.
   */
  private static void checkDeclared(HttpClient client, Request request) throws InvokeException, UnknownStateException {
    FromFunction reply = post(client, request, Map.of(), false);
    List<String> declared = reply.hasIncompleteInvocationContext()
        ? reply.getIncompleteInvocationContext().getMissingValuesList().stream()
            .map(FromFunction.PersistedValueSpec::getStateName).toList()
        : List.of();
    List<String> unknown = request.state().keySet().stream().filter(name -> !declared.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw new UnknownStateException(request.function() + " declares no state named " + unknown
          + (declared.isEmpty() ? "; it declares no state at all" : "; it declares " + declared));
    }
  }

  private static FromFunction post(HttpClient client, Request request, Map<String, TypedValue> state,
      boolean withInvocation) throws InvokeException {
    ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder()
        .setTarget(address(request.function(), request.id()));
    state.forEach((name, value) ->
        batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name).setStateValue(value)));
    if (withInvocation) {
      ToFunction.Invocation.Builder invocation = ToFunction.Invocation.newBuilder().setArgument(request.value());
      request.caller().ifPresent(invocation::setCaller);
      batch.addInvocations(invocation);
    }
    byte[] body = ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
    if (withInvocation && request.dumpRequest().isPresent()) {
      try {
        Files.write(request.dumpRequest().get(), body);
      } catch (IOException e) {
        throw new InvokeException("cannot write the request to " + request.dumpRequest().get() + ": " + e);
      }
    }
    HttpRequest http = HttpRequest.newBuilder(request.url())
        .timeout(Duration.ofMinutes(1))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(http, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new InvokeException("POST " + request.url() + " failed: connection refused (nothing listens at "
          + request.url().getHost() + ":" + port(request.url()) + "; is the endpoint running?)");
    } catch (IOException e) {
      throw new InvokeException("POST " + request.url() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvokeException("interrupted");
    }
    if (response.statusCode() != 200) {
      throw new InvokeException("HTTP " + response.statusCode() + " from " + request.url() + ": "
          + new String(response.body(), StandardCharsets.UTF_8).strip());
    }
    try {
      return FromFunction.parseFrom(response.body());
    } catch (InvalidProtocolBufferException e) {
      throw new InvokeException("the reply is no StateFun reply (" + e.getMessage() + ")");
    }
  }

  private static int port(URI url) {
    return url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
  }

  static Address address(TypeName type, String id) {
    return Address.newBuilder().setNamespace(type.namespace()).setType(type.name()).setId(id).build();
  }

  /** What went wrong talking to the endpoint. */
  static final class InvokeException extends Exception {
    private static final long serialVersionUID = 1L;

    InvokeException(String message) {
      super(message);
    }
  }

  /** A {@code --state} name the function does not declare: a usage mistake. */
  static final class UnknownStateException extends Exception {
    private static final long serialVersionUID = 1L;

    UnknownStateException(String message) {
      super(message);
    }
  }

  /** The parsed command line. */
  record Request(URI url, TypeName function, String id, TypedValue value, Map<String, TypedValue> state,
      Optional<Address> caller, boolean json, Optional<Path> dumpRequest) {

    static Request parse(String[] args) {
      boolean json = false;
      Optional<Path> dumpRequest = Optional.empty();
      Map<String, TypedValue> state = new LinkedHashMap<>();
      Optional<Address> caller = Optional.empty();
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--json" -> json = true;
          case "--dump-request" -> dumpRequest = Optional.of(Path.of(next(args, ++i, "--dump-request needs FILE")));
          case "--state" -> {
            String spec = next(args, ++i, "--state needs NAME=VALUE");
            int eq = spec.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException("--state needs NAME=VALUE, not '" + spec + "'");
            }
            state.put(spec.substring(0, eq), typed(TypedArgument.parse(spec.substring(eq + 1))));
          }
          case "--caller" -> {
            String spec = next(args, ++i, "--caller needs NAMESPACE/NAME/ID");
            int slash = spec.lastIndexOf('/');
            if (slash <= 0) {
              throw new IllegalArgumentException("--caller needs NAMESPACE/NAME/ID, not '" + spec + "'");
            }
            caller = Optional.of(address(TypeName.parse(spec.substring(0, slash)), spec.substring(slash + 1)));
          }
          default -> {
            if (arg.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + arg);
            }
            positional.add(arg);
          }
        }
      }
      if (positional.size() != 4) {
        throw new IllegalArgumentException("expected URL, function type, id and value; got " + positional);
      }
      URI url = URI.create(positional.get(0));
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("the URL must be http or https: " + url);
      }
      return new Request(url, TypeName.parse(positional.get(1)), positional.get(2),
          typed(TypedArgument.parse(positional.get(3))), state, caller, json, dumpRequest);
    }

    private static String next(String[] args, int i, String message) {
      if (i >= args.length) {
        throw new IllegalArgumentException(message);
      }
      return args[i];
    }

    private static TypedValue typed(TypedArgument argument) {
      return TypedValue.newBuilder().setTypename(argument.typeName().canonical()).setHasValue(true)
          .setValue(ByteString.copyFrom(argument.bytes())).build();
    }
  }
}
