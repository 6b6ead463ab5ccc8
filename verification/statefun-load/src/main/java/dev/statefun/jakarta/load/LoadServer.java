package dev.statefun.jakarta.load;

import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The server side of a load run in its own JVM: the embedded server with the settings from system
 * properties / environment (as {@link EmbeddedServer#main} reads them), driven over stdin/stdout.
 * Prints {@code listening <uri>}; then answers each {@code sample} line with a {@link MemorySample}
 * line, and stops at {@code stop} or at the end of its input (the parent died).
 */
public final class LoadServer {
  private LoadServer() {}

  public static void main(String[] args) throws IOException {
    try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.fromEnvironment())) {
      System.out.println("listening " + server.uri());
      System.out.flush();
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String command = commands.readLine(); command != null; command = commands.readLine()) {
        switch (command.trim()) {
          case "sample" -> System.out.println(MemorySample.ofThisJvm("").toLine());
          case "stop" -> {
            return;
          }
          default -> System.out.println("unknown command '" + command + "'");
        }
        System.out.flush();
      }
    }
  }
}
