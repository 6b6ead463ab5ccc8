package dev.statefun.jakarta.load;

import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The server under load: in this JVM, or in a JVM of its own (so that its memory is its own). */
public sealed interface LoadTarget extends AutoCloseable {
  URI uri();

  /** Collects garbage in the server's JVM and measures its memory. */
  MemorySample sample(String label);

  /** What the server runs in, for the report. */
  String description();

  @Override
  void close();

  static LoadTarget start(LoadSettings settings) {
    return settings.forkServer() ? Forked.start(settings) : new InProcess(
        EmbeddedServer.start(EmbeddedServerConfig.fromEnvironment().withPort(0).withHost("127.0.0.1")));
  }

  /** The embedded server in this JVM: its memory figures include the clients'. */
  record InProcess(EmbeddedServer server) implements LoadTarget {
    @Override
    public URI uri() {
      return server.uri();
    }

    @Override
    public MemorySample sample(String label) {
      return MemorySample.ofThisJvm(label);
    }

    @Override
    public String description() {
      return "embedded server in the clients' JVM, " + server.config().threads() + " worker threads";
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /** {@link LoadServer} in a child JVM on the same class path. */
  final class Forked implements LoadTarget {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final URI uri;
    private final List<String> command;

    private Forked(Process process, List<String> command) throws IOException {
      this.process = process;
      this.command = command;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      String line = out.readLine();
      if (line == null || !line.startsWith("listening ")) {
        process.destroy();
        throw new IllegalStateException("The load server did not start (said '" + line + "'); see its output above");
      }
      this.uri = URI.create(line.substring("listening ".length()).trim());
    }

    static Forked start(LoadSettings settings) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(settings.serverJvmOptions());
      command.add("-Dstatefun.host=127.0.0.1");
      command.add("-Dstatefun.port=0");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(LoadServer.class.getName());
      try {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new Forked(process, command);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the load server JVM", e);
      }
    }

    @Override
    public URI uri() {
      return uri;
    }

    @Override
    public synchronized MemorySample sample(String label) {
      try {
        in.write("sample\n");
        in.flush();
        String line = out.readLine();
        if (line == null) {
          throw new IllegalStateException("The load server exited");
        }
        return MemorySample.fromLine(label, line);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not sample the load server's memory", e);
      }
    }

    @Override
    public String description() {
      return "embedded server in its own JVM (pid " + process.pid() + ", options "
          + command.subList(1, command.indexOf("-cp")) + "), default worker threads";
    }

    @Override
    public synchronized void close() {
      try {
        in.write("stop\n");
        in.flush();
      } catch (IOException e) {
        // it is gone already
      }
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroy();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
      }
    }
  }
}
