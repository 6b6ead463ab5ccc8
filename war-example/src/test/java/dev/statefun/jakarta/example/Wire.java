package dev.statefun.jakarta.example;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.internal.protocol.KafkaProducerRecord;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import dev.statefun.jakarta.types.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the StateFun runtime does on the wire: ToFunction bytes POSTed to the endpoint. */
final class Wire {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      // HTTP/1.1, as the runtime talks (Java's default would upgrade to HTTP/2 where the server offers it).
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private Wire() {}

  /** The endpoint of the deployed WAR; refuses anything but a loopback address. */
  static URI endpoint(URL deploymentBase) throws IOException {
    if (!InetAddress.getByName(deploymentBase.getHost()).isLoopbackAddress()) {
      throw new IllegalStateException("The server reported " + deploymentBase + ", which is not a loopback address;"
          + " the tests talk to 127.0.0.1 only");
    }
    return URI.create(deploymentBase.toExternalForm().replaceAll("/?$", "/")).resolve("statefun");
  }

  static HttpResponse<byte[]> post(URI endpoint, String contentType, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType)
        .header("Accept", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + endpoint + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Address address(String functionType, String id) {
    int slash = functionType.lastIndexOf('/');
    return Address.newBuilder().setNamespace(functionType.substring(0, slash))
        .setType(functionType.substring(slash + 1)).setId(id).build();
  }

  static <T> TypedValue typed(Type<T> type, T value) {
    return TypedValue.newBuilder().setTypename(type.typeName().canonical()).setHasValue(true)
        .setValue(ByteString.copyFrom(type.serialize(value))).build();
  }

  /** A batch for one address; add state and invocations, then {@link #bytes}. */
  static ToFunction.InvocationBatchRequest.Builder batch(String functionType, String id) {
    return ToFunction.InvocationBatchRequest.newBuilder().setTarget(address(functionType, id));
  }

  static <T> ToFunction.InvocationBatchRequest.Builder withState(
      ToFunction.InvocationBatchRequest.Builder batch, String name, Type<T> type, T value) {
    return batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name).setStateValue(typed(type, value)));
  }

  /** A state the runtime has registered but holds no value for. */
  static ToFunction.InvocationBatchRequest.Builder withEmptyState(ToFunction.InvocationBatchRequest.Builder batch,
      String name) {
    return batch.addState(ToFunction.PersistedValue.newBuilder().setStateName(name));
  }

  static <T> ToFunction.InvocationBatchRequest.Builder invoke(
      ToFunction.InvocationBatchRequest.Builder batch, Type<T> type, T value) {
    return batch.addInvocations(ToFunction.Invocation.newBuilder().setArgument(typed(type, value)));
  }

  static byte[] bytes(ToFunction.InvocationBatchRequest.Builder batch) {
    return ToFunction.newBuilder().setInvocation(batch).build().toByteArray();
  }

  static FromFunction reply(HttpResponse<byte[]> response) {
    try {
      return FromFunction.parseFrom(response.body());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("The reply is no FromFunction message", e);
    }
  }

  static KafkaProducerRecord kafka(FromFunction.EgressMessage egress) {
    try {
      return KafkaProducerRecord.parseFrom(egress.getArgument().getValue());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("Not a Kafka record: " + egress, e);
    }
  }

  static <T> T decode(Type<T> type, TypedValue value) {
    if (!value.getTypename().equals(type.typeName().canonical())) {
      throw new AssertionError("Expected a " + type.typeName() + ", got " + value.getTypename());
    }
    return type.deserialize(value.getValue().toByteArray());
  }
}
