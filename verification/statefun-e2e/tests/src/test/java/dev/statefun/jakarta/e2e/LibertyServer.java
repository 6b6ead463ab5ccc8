package dev.statefun.jakarta.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    Path home = ServerTool.home("Open Liberty", "e2e.liberty.home", "e2e-liberty");
    return new LibertyServer(home, Integer.getInteger("e2e.liberty.port", 19080));
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
    GreeterProbe.await(endpoint, client, timeout, logs());
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
    Map<String, String> variables = new HashMap<>(Map.of("JVM_ARGS", "-Xmx512m"));
    variables.putAll(environment);
    ServerTool.run(command, variables, home.resolve("server-script.log"), timeout,
        "server " + String.join(" ", arguments), logs());
  }
}
