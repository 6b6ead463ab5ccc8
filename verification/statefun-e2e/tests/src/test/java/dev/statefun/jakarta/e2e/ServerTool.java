package dev.statefun.jakarta.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a server's command-line tool (jboss-cli, asadmin, Liberty's server script) to completion,
 * with this JVM's Java, its output appended to a log file.
 */
final class ServerTool {
  private ServerTool() {}

  /**
   * The server installation named by system property {@code property}, which Maven profile {@code
   * profile} unpacks and sets; an error saying how to run the test when it is missing.
   */
  static Path home(String server, String property, String profile) {
    String home = System.getProperty(property);
    if (home == null || !Files.isDirectory(Path.of(home))) {
      throw new IllegalStateException("No " + server + " at " + property + "=" + home + ": run with -P" + profile
          + ", which unpacks it (mvn -P" + profile + " -pl verification/statefun-e2e/tests -am verify)");
    }
    return Path.of(home);
  }

  /**
   * Runs {@code command} and waits up to {@code timeout}. A tool that does not return is killed; one
   * that does not exit with 0 is an error. Either error names {@code what} and the logs to read.
   */
  static void run(List<String> command, Map<String, String> environment, Path log, Duration timeout, String what,
      Path serverLogs) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("'" + what + "' did not return within " + timeout + "; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("'" + what + "' exited with " + process.exitValue() + "; see " + log
          + " and " + serverLogs);
    }
  }
}
