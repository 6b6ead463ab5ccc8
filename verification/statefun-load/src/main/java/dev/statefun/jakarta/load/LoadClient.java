package dev.statefun.jakarta.load;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.FromFunction.PersistedValueMutation;
import dev.statefun.jakarta.internal.protocol.LongWrapper;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * One client, playing the StateFun runtime for the addresses it owns: it keeps their state, sends
 * batches over its own keep-alive HTTP/1.1 connection, one request at a time, and checks that each
 * reply holds exactly that request's effects: the state mutation to the value the client expects,
 * and one message per invocation, to its own address, naming that invocation's argument. A reply
 * with anything of another client's (cross-talk) or missing anything counts as an error.
 */
final class LoadClient implements Callable<ClientStats> {
  static final String NAMESPACE = "load.fns";
  private static final String LONG = "io.statefun.types/long";
  private static final String STRING = "io.statefun.types/string";
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final int index;
  private final URI uri;
  private final LoadSettings settings;
  private final LoadClock clock;
  private final HttpClient http;
  private final SplittableRandom random;
  private final AddressState[] addresses;
  private final ClientStats stats;
  private long sequence;

  /** What the runtime knows of one address: whether its state is registered, and its value. */
  private static final class AddressState {
    final String type;
    final String id;
    boolean registered;
    long count;

    AddressState(String type, String id) {
      this.type = type;
      this.id = id;
    }
  }

  LoadClient(int index, URI uri, LoadSettings settings, LoadClock clock) {
    this.index = index;
    this.uri = uri;
    this.settings = settings;
    this.clock = clock;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    this.random = new SplittableRandom(index * 7919L + 17);
    this.addresses = new AddressState[settings.addressesPerClient()];
    for (int i = 0; i < addresses.length; i++) {
      addresses[i] = new AddressState(i % 2 == 0 ? "counter" : "async-counter", "client-" + index + "-address-" + i);
    }
    this.stats = new ClientStats(settings.batchSizes());
  }

  @Override
  public ClientStats call() {
    for (int next = 0; clock.running(); next = (next + 1) % addresses.length) {
      AddressState address = addresses[next];
      int sizeIndex = random.nextInt(settings.batchSizes().length);
      List<String> arguments = new ArrayList<>();
      for (int i = 0; i < settings.batchSizes()[sizeIndex]; i++) {
        arguments.add("r" + sequence + "i" + i);
      }
      sequence++;
      try {
        if (!address.registered) {
          // The runtime's first call carries no state; the reply must ask for it and run nothing.
          expectMissingState(address, exchange(address, arguments, sizeIndex, 0));
          address.registered = true;
        }
        expectEffects(address, arguments, exchange(address, arguments, sizeIndex, arguments.size()));
      } catch (LoadError e) {
        stats.error(e.getMessage());
      } catch (IOException e) {
        stats.error("client " + index + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stats.error("client " + index + " interrupted");
        break;
      }
    }
    return stats;
  }

  /** Sends one request and returns its parsed reply; records the latency. */
  private FromFunction exchange(AddressState address, List<String> arguments, int sizeIndex, int invocations)
      throws IOException, InterruptedException, LoadError {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Content-Type", OCTET_STREAM).header("Accept", OCTET_STREAM)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(address, arguments)))
        .build();
    long started = System.nanoTime();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    long finished = System.nanoTime();
    stats.exchange(clock.measuring(started, finished), sizeIndex, invocations, finished - started);
    if (response.statusCode() != 200) {
      throw new LoadError(address, "status " + response.statusCode() + ": " + new String(response.body()));
    }
    List<String> contentTypes = response.headers().allValues("Content-Type");
    if (!contentTypes.equals(List.of(OCTET_STREAM))) {
      throw new LoadError(address, "Content-Type " + contentTypes);
    }
    try {
      return FromFunction.parseFrom(response.body());
    } catch (InvalidProtocolBufferException e) {
      throw new LoadError(address, "unparseable reply: " + e.getMessage());
    }
  }

  private byte[] body(AddressState address, List<String> arguments) {
    ToFunction.InvocationBatchRequest.Builder batch = ToFunction.InvocationBatchRequest.newBuilder()
        .setTarget(Address.newBuilder().setNamespace(NAMESPACE).setType(address.type).setId(address.id));
    if (address.registered) {
      ToFunction.PersistedValue.Builder state = ToFunction.PersistedValue.newBuilder().setStateName("count");
      if (address.count != 0) { // a registered state that was never written travels as its name only
        state.setStateValue(TypedValue.newBuilder().setTypename(LONG).setHasValue(true)
            .setValue(LongWrapper.newBuilder().setValue(address.count).build().toByteString()));
      }
      batch.addState(state);
    }
    for (String argument : arguments) {
      batch.addInvocations(ToFunction.Invocation.newBuilder().setArgument(TypedValue.newBuilder()
          .setTypename(STRING).setHasValue(true)
          .setValue(StringWrapper.newBuilder().setValue(argument).build().toByteString())));
    }
    return ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
  }

  private static void expectMissingState(AddressState address, FromFunction reply) throws LoadError {
    if (!reply.hasIncompleteInvocationContext()) {
      throw new LoadError(address, "expected a request for the missing state, got " + reply);
    }
    List<FromFunction.PersistedValueSpec> missing = reply.getIncompleteInvocationContext().getMissingValuesList();
    if (missing.size() != 1 || !missing.get(0).getStateName().equals("count")
        || !missing.get(0).getTypeTypename().equals(LONG)) {
      throw new LoadError(address, "expected exactly the state 'count' to be missing, got " + missing);
    }
  }

  private static void expectEffects(AddressState address, List<String> arguments, FromFunction reply)
      throws LoadError {
    if (!reply.hasInvocationResult()) {
      throw new LoadError(address, "expected an invocation result, got " + reply);
    }
    FromFunction.InvocationResponse result = reply.getInvocationResult();
    long expectedCount = address.count + arguments.size();
    if (result.getStateMutationsCount() != 1) {
      throw new LoadError(address, "expected one state mutation, got " + result.getStateMutationsList());
    }
    PersistedValueMutation mutation = result.getStateMutations(0);
    if (!mutation.getStateName().equals("count") || mutation.getMutationType() != PersistedValueMutation.MutationType.MODIFY
        || !mutation.getStateValue().getTypename().equals(LONG) || decodeLong(mutation.getStateValue()) != expectedCount) {
      throw new LoadError(address, "expected count := " + expectedCount + ", got " + mutation);
    }
    if (result.getOutgoingMessagesCount() != arguments.size() || result.getDelayedInvocationsCount() != 0
        || result.getOutgoingEgressesCount() != 0) {
      throw new LoadError(address, "expected " + arguments.size() + " messages and nothing else, got "
          + result.getOutgoingMessagesCount() + " messages, " + result.getDelayedInvocationsCount() + " delayed, "
          + result.getOutgoingEgressesCount() + " egress");
    }
    for (int i = 0; i < arguments.size(); i++) {
      FromFunction.Invocation message = result.getOutgoingMessages(i);
      String expected = address.id + ":" + arguments.get(i) + ":" + (address.count + i + 1);
      Address target = message.getTarget();
      String text = decodeString(message.getArgument());
      if (!target.getNamespace().equals(NAMESPACE) || !target.getType().equals("echo")
          || !target.getId().equals(address.id) || !expected.equals(text)) {
        throw new LoadError(address, "message " + i + ": expected '" + expected + "' to " + NAMESPACE + "/echo/"
            + address.id + ", got '" + text + "' to " + target.getNamespace() + "/" + target.getType() + "/"
            + target.getId());
      }
    }
    address.count = expectedCount;
  }

  private static long decodeLong(TypedValue value) throws LoadError {
    try {
      return LongWrapper.parseFrom(value.getValue()).getValue();
    } catch (InvalidProtocolBufferException e) {
      throw new LoadError(null, "unparseable long state: " + e.getMessage());
    }
  }

  private static String decodeString(TypedValue value) throws LoadError {
    if (!value.getTypename().equals(STRING)) {
      throw new LoadError(null, "expected a string message, got " + value.getTypename());
    }
    try {
      return StringWrapper.parseFrom(value.getValue()).getValue();
    } catch (InvalidProtocolBufferException e) {
      throw new LoadError(null, "unparseable string message: " + e.getMessage());
    }
  }

  /** A reply that is not exactly what its request must produce. */
  private static final class LoadError extends Exception {
    LoadError(AddressState address, String message) {
      super((address == null ? "" : address.type + "/" + address.id + ": ") + message, null, false, false);
    }
  }
}
