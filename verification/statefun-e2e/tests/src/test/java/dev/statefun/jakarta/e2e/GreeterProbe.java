package dev.statefun.jakarta.e2e;

import dev.statefun.jakarta.internal.protocol.Address;
import dev.statefun.jakarta.internal.protocol.StringWrapper;
import dev.statefun.jakarta.internal.protocol.ToFunction;
import dev.statefun.jakarta.internal.protocol.TypedValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until a deployed WAR serves the example greeter: a first call as the runtime makes it (no
 * state yet, the runtime's headers) gets 200. A 404 from the deployed application means it serves
 * no such function: fail at once with its answer rather than let the runtime retry for its call
 * timeout.
 */
final class GreeterProbe {
  private GreeterProbe() {}

  static void await(URI endpoint, HttpClient client, Duration timeout, Path logs)
      throws InterruptedException {
    byte[] firstCall = ToFunction.newBuilder()
        .setInvocation(ToFunction.InvocationBatchRequest.newBuilder()
            .setTarget(Address.newBuilder().setNamespace("com.example.fns").setType("greeter").setId("probe"))
            .addInvocations(ToFunction.Invocation.newBuilder()
                .setArgument(TypedValue.newBuilder().setTypename("io.statefun.types/string").setHasValue(true)
                    .setValue(StringWrapper.newBuilder().setValue("probe").build().toByteString()))))
        .build().toByteArray();
    Instant end = Instant.now().plus(timeout);
    String last = "no answer";
    while (Instant.now().isBefore(end)) {
      try {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/octet-stream")
                .header("Accept", "application/octet-stream")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(firstCall)).build(),
            HttpResponse.BodyHandlers.ofString());
        last = response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("") + " "
            + (response.statusCode() == 200 ? "" : response.body());
        if (response.statusCode() == 200) {
          return;
        }
        if (response.statusCode() == 404 && response.body().startsWith("No function")) {
          throw new IllegalStateException("The WAR is deployed at " + endpoint + " but answers: " + last
              + " (its functions were not found; see " + logs + ")");
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("The WAR did not serve the greeter at " + endpoint + " within " + timeout
        + " (last answer: " + last + "); see " + logs);
  }
}
