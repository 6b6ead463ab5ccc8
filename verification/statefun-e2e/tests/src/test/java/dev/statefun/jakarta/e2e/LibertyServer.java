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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An Open Liberty server unpacked by the {@code liberty} profile: started with {@code server start},
 * the WAR dropped in, ready once the endpoint answers, stopped with {@code server stop}.
 */
final class LibertyServer implements AutoCloseable {
  private static final String NAME = "statefun-e2e";

  private final Path home;
  private final int port;
  private final Map<String, String> environment = new HashMap<>();
  private boolean started;

  LibertyServer(Path home, int port) {
    this.home = home;
    this.port = port;
  }

  /** Sets a variable of the server's environment, which server.xml reads as {@code ${env.NAME}}. */
  LibertyServer withEnvironment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Where server.xml fragments go that override it ({@code configDropins/overrides}). */
  Path configOverrides() {
    return home.resolve("usr/servers").resolve(NAME).resolve("configDropins/overrides");
  }

  static LibertyServer fromSystemProperties() {
    String home = System.getProperty("e2e.liberty.home");
    if (home == null || !Files.isDirectory(Path.of(home))) {
      throw new IllegalStateException("No Open Liberty at e2e.liberty.home=" + home
          + ": run with -Pe2e-liberty, which unpacks it (mvn -Pe2e-liberty -pl verification/statefun-e2e/tests -am verify)");
    }
    return new LibertyServer(Path.of(home), Integer.getInteger("e2e.liberty.port", 19080));
  }

  /** Starts the server with the WAR in dropins; returns the endpoint's URL once it answers. */
  URI start(Path war, String contextRoot, Duration timeout) throws IOException, InterruptedException {
    URI endpoint = URI.create("http://127.0.0.1:" + port + "/" + contextRoot + "/statefun");
    start(war, contextRoot, endpoint, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), timeout);
    return endpoint;
  }

  /**
   * Starts the server with the WAR in dropins and waits until {@code endpoint} answers to
   * {@code client} (e.g. HTTPS with a client certificate).
   */
  void start(Path war, String contextRoot, URI endpoint, HttpClient client, Duration timeout)
      throws IOException, InterruptedException {
    Path dropins = home.resolve("usr/servers").resolve(NAME).resolve("dropins");
    Files.createDirectories(dropins);
    Files.copy(war, dropins.resolve(contextRoot + ".war"), StandardCopyOption.REPLACE_EXISTING);
    run(List.of("start", NAME), Duration.ofSeconds(120));
    started = true;
    awaitEndpoint(endpoint, client, timeout);
  }

  /**
   * Ready once a first call to the greeter, as the runtime makes it (no state yet, the runtime's
   * headers), gets 200. A 404 from the deployed application means it serves no such function: fail
   * at once with its answer rather than let the runtime retry for its call timeout.
   */
  private void awaitEndpoint(URI endpoint, HttpClient client, Duration timeout)
      throws IOException, InterruptedException {
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
              + " (its functions were not found; see " + logs() + ")");
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("The WAR did not serve the greeter at " + endpoint + " within " + timeout
        + " (last answer: " + last + "); see " + logs());
  }

  Path logs() {
    return home.resolve("usr/servers").resolve(NAME).resolve("logs");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (started) {
      run(List.of("stop", NAME), Duration.ofSeconds(90));
    }
  }

  private void run(List<String> arguments, Duration timeout) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(home.resolve("bin/server").toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server-script.log").toFile()));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JVM_ARGS", "-Xmx512m");
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("'server " + String.join(" ", arguments) + "' did not return within "
          + timeout + "; see " + home.resolve("server-script.log"));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("'server " + String.join(" ", arguments) + "' exited with "
          + process.exitValue() + "; see " + home.resolve("server-script.log") + " and " + logs());
    }
  }
}
