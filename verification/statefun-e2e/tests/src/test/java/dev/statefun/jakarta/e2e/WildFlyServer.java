package dev.statefun.jakarta.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A WildFly unpacked by the {@code e2e-wildfly} profile: {@code standalone.sh} bound to 127.0.0.1,
 * configured and deployed to with {@code jboss-cli.sh --connect}, stopped with {@code shutdown}.
 */
final class WildFlyServer implements AutoCloseable {
  private final Path home;
  private final int httpPort;
  private final int httpsPort;
  private final int managementPort;
  private Process process;

  WildFlyServer(Path home, int httpPort, int httpsPort, int managementPort) {
    this.home = home;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.managementPort = managementPort;
  }

  static WildFlyServer fromSystemProperties() {
    Path home = ServerTool.home("WildFly", "e2e.wildfly.home", "e2e-wildfly");
    return new WildFlyServer(home, Integer.getInteger("e2e.wildfly.http.port", 18080),
        Integer.getInteger("e2e.wildfly.https.port", 18443), Integer.getInteger("e2e.wildfly.management.port", 19990));
  }

  int httpsPort() {
    return httpsPort;
  }

  /** Starts the server and waits until it reports itself started (WFLYSRV0025). */
  void start(Duration timeout) throws IOException, InterruptedException {
    Path log = home.resolve("standalone/log/server.log");
    Files.deleteIfExists(log);
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
        "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
        "-Djboss.http.port=" + httpPort, "-Djboss.https.port=" + httpsPort,
        "-Djboss.management.http.port=" + managementPort)
        .redirectErrorStream(true)
        .redirectOutput(home.resolve("console.log").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    process = builder.start();
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("WildFly exited with " + process.exitValue() + "; see " + home.resolve("console.log"));
      }
      if (Files.exists(log)) {
        String text = Files.readString(log);
        if (text.contains("WFLYSRV0025")) {
          return;
        }
        if (text.contains("WFLYSRV0026")) {
          throw new IllegalStateException("WildFly started with errors; see " + log);
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("WildFly did not start within " + timeout + "; see " + log);
  }

  /** Runs a jboss-cli script against the running server; {@code reload} in it waits for the reload. */
  void cli(String script) throws IOException, InterruptedException {
    Path file = Files.createTempFile(home, "statefun-", ".cli");
    Files.writeString(file, script);
    cli(List.of("--file=" + file));
  }

  void deploy(Path war) throws IOException, InterruptedException {
    cli(List.of("--command=deploy " + war + " --force"));
  }

  Path logs() {
    return home.resolve("standalone/log");
  }

  private void cli(List<String> arguments) throws IOException, InterruptedException {
    // --timeout (ms) is also how long reload waits for the server to come back: the default 5 s is
    // too short on a loaded machine ("Failed to establish connection in 6103ms").
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
        "--controller=remote+http://127.0.0.1:" + managementPort, "--timeout=120000"));
    command.addAll(arguments);
    ServerTool.run(command, Map.of(), home.resolve("cli.log"), Duration.ofSeconds(180), "jboss-cli " + arguments,
        logs());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      cli(List.of("--command=shutdown"));
    } finally {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        // standalone.sh runs the server JVM as its child: stop both.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }
}
