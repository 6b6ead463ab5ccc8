package dev.statefun.jakarta.e2e.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The real StateFun runtime (statefun-flink-harness, a Flink MiniCluster) running in its own JVM,
 * calling remote functions over HTTP. Messages go in through {@link #send}; what the functions send
 * to the egresses named at start comes back as {@link EgressRecord}s.
 *
 * <pre>{@code
 * try (StatefunRuntime runtime = StatefunRuntime.builder()
 *     .remoteEndpoint(new RemoteEndpoint("com.example.fns/*", URI.create("http://127.0.0.1:8000/statefun")))
 *     .egress("com.example/greets")
 *     .start()) {
 *   runtime.sendString("com.example.fns/greeter", "Alice", "Alice");
 *   List<EgressRecord> greets = runtime.awaitEgress(1, Duration.ofSeconds(90));
 * }
 * }</pre>
 *
 * <p>Every wait has a deadline and fails with a {@link StatefunRuntimeException} that tells what
 * arrived and ends with the runtime's log. {@link #close()} stops the job (cancel through Flink's
 * job client), waits for the JVM to exit, and only kills it (by PID) if it does not. The runtime also
 * stops by itself when this JVM goes away (its stdin closes). Thread-safe.
 */
public final class StatefunRuntime implements AutoCloseable {
  private static final String PREFIX = "@statefun-e2e\t";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(75);

  private final Path workDirectory;
  private final Path messagesFile;
  private final Path flinkLog;
  private final Path outputLog;
  private final Process process;
  private final Writer commands;
  private final Thread reader;
  private final Thread shutdownHook;
  private final Object lock = new Object();
  private final List<RuntimeEvent> events = new ArrayList<>();
  private final List<EgressRecord> egress = new ArrayList<>();

  StatefunRuntime(Path workDirectory, Path messagesFile, Path flinkLog, Path outputLog, Process process) {
    this.workDirectory = workDirectory;
    this.messagesFile = messagesFile;
    this.flinkLog = flinkLog;
    this.outputLog = outputLog;
    this.process = process;
    this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.reader = new Thread(this::readOutput, "statefun-runtime-output-" + process.pid());
    this.reader.setDaemon(true);
    this.reader.start();
    this.shutdownHook = new Thread(this::closeQuietly, "statefun-runtime-stop-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static StatefunRuntimeBuilder builder() {
    return new StatefunRuntimeBuilder();
  }

  // ---------------------------------------------------------------- input

  /**
   * Sends a typed value to a function through the ingress: appended to the messages file that the
   * runtime follows, so it arrives in order with everything sent before.
   *
   * @param targetType the function type, {@code namespace/name}
   * @param id the function id
   * @param typeName the value's typename
   * @param value the value's bytes, as the function receives them
   */
  public void send(String targetType, String id, String typeName, byte[] value) {
    sendAll(List.of(new IngressMessage(targetType, id, typeName, value)));
  }

  /** Sends an {@code io.statefun.types/string} value. */
  public void sendString(String targetType, String id, String text) {
    send(targetType, id, EgressRecord.STRING_TYPE, ProtoFields.stringWrapper(text));
  }

  /** Sends several messages at once, in order. */
  public void sendAll(List<IngressMessage> messages) {
    StringBuilder lines = new StringBuilder();
    for (IngressMessage message : messages) {
      lines.append(message.toLine()).append('\n');
    }
    synchronized (lock) {
      try {
        // One write per batch: the runtime only reads whole lines, so a partly written batch is
        // never half-delivered in a way that splits a line.
        Files.writeString(messagesFile, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot append to " + messagesFile, e);
      }
    }
  }

  /**
   * Makes the job fail once (the feed source throws). With checkpointing and a restart strategy
   * in the Flink configuration the job restarts from the last checkpoint; without, it ends.
   */
  public void failJob() {
    command("fail");
  }

  // ---------------------------------------------------------------- output

  /** Every egress record received so far, in arrival order. */
  public List<EgressRecord> egressRecords() {
    synchronized (lock) {
      return List.copyOf(egress);
    }
  }

  /** Every event the runner reported so far, egress included. */
  public List<RuntimeEvent> events() {
    synchronized (lock) {
      return List.copyOf(events);
    }
  }

  /** Waits until at least {@code count} egress records arrived; returns all received by then. */
  public List<EgressRecord> awaitEgress(int count, Duration timeout) {
    return await("at least " + count + " egress record(s)", timeout, () -> egress.size() >= count ? List.copyOf(egress) : null);
  }

  /** Waits for an egress record that matches; returns the first match. */
  public EgressRecord awaitEgress(String description, Predicate<EgressRecord> condition, Duration timeout) {
    return await("an egress record: " + description, timeout,
        () -> egress.stream().filter(condition).findFirst().orElse(null));
  }

  /** Waits for an event with this name (and, if given, this first field); returns the first match. */
  public RuntimeEvent awaitEvent(String name, Optional<String> field, Duration timeout) {
    return await("event '" + name + field.map(f -> " " + f).orElse("") + "'", timeout,
        () -> events.stream()
            .filter(e -> e.name().equals(name) && field.map(f -> f.equals(e.field())).orElse(true))
            .findFirst().orElse(null));
  }

  /** Waits until the job is RUNNING (tasks may still be deploying; the first call comes after). */
  public void awaitRunning(Duration timeout) {
    awaitEvent("job-status", Optional.of("RUNNING"), timeout);
  }

  /** Waits for a checkpoint reported after this call; returns its id. */
  public long awaitNextCheckpoint(Duration timeout) {
    int seen;
    synchronized (lock) {
      seen = events.size();
    }
    RuntimeEvent event = await("a completed checkpoint", timeout,
        () -> events.subList(seen, events.size()).stream()
            .filter(e -> e.name().equals("checkpoint")).findFirst().orElse(null));
    return Long.parseLong(event.field());
  }

  /**
   * Waits {@code duration} and returns the egress records that arrived meanwhile. Fails if the
   * runtime dies during the wait. For asserting that something does NOT arrive.
   */
  public List<EgressRecord> egressDuring(Duration duration) {
    int before;
    synchronized (lock) {
      before = egress.size();
    }
    Instant end = Instant.now().plus(duration);
    synchronized (lock) {
      while (true) {
        checkAlive("egress during " + duration);
        long left = Duration.between(Instant.now(), end).toMillis();
        if (left <= 0) {
          return List.copyOf(egress.subList(before, egress.size()));
        }
        waitQuietly(Math.min(left, 200));
      }
    }
  }

  // ---------------------------------------------------------------- lifecycle

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The run's folder: settings, module YAML, messages file, logs. */
  public Path workDirectory() {
    return workDirectory;
  }

  /** Flink's log (log4j), where the runtime explains failures. */
  public Path flinkLog() {
    return flinkLog;
  }

  /** The runner JVM's stderr and any stdout line that is not a runner event. */
  public Path outputLog() {
    return outputLog;
  }

  /** The runner's exit code once it has exited: 0 after a clean stop. */
  public Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /**
   * Stops the job and waits for the runner JVM to exit; kills it by PID only if it has not exited
   * within 75 s. Idempotent. Returns the exit code (0: clean stop; a kill gives 137 or 143).
   */
  public int stop() {
    command("stop");
    try {
      commands.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        System.getLogger(StatefunRuntime.class.getName()).log(System.Logger.Level.WARNING,
            "StateFun runtime (pid {0}) did not stop within {1}; terminating it", process.pid(), STOP_TIMEOUT);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteTemporaryFiles();
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
  }

  private void closeQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      process.destroyForcibly();
    }
  }

  // ---------------------------------------------------------------- internals

  private void command(String command) {
    synchronized (lock) {
      if (!process.isAlive()) {
        return;
      }
      try {
        commands.write(command + "\n");
        commands.flush();
      } catch (IOException e) {
        // the runner is exiting; stop() copes
      }
    }
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         Writer other = Files.newBufferedWriter(outputLog, StandardCharsets.UTF_8,
             StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith(PREFIX)) {
          other.write(line + "\n");
          other.flush();
          continue;
        }
        String[] parts = line.substring(PREFIX.length()).split("\t", -1);
        RuntimeEvent event = new RuntimeEvent(parts[0], List.of(parts).subList(1, parts.length), Instant.now());
        synchronized (lock) {
          events.add(event);
          if (event.name().equals("egress") && parts.length == 4) {
            egress.add(new EgressRecord(parts[1], parts[2], Base64.getDecoder().decode(parts[3])));
          }
          lock.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process is gone
    } finally {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  private interface Check<T> {
    T satisfied();
  }

  private <T> T await(String what, Duration timeout, Check<T> check) {
    Instant end = Instant.now().plus(timeout);
    synchronized (lock) {
      while (true) {
        T result = check.satisfied();
        if (result != null) {
          return result;
        }
        checkAlive(what);
        long left = Duration.between(Instant.now(), end).toMillis();
        if (left <= 0) {
          throw new StatefunRuntimeException("Timed out after " + timeout + " waiting for " + what + ". " + diagnostics());
        }
        waitQuietly(Math.min(left, 200));
      }
    }
  }

  /** Called with the lock held. */
  private void checkAlive(String what) {
    Optional<RuntimeEvent> failed = events.stream().filter(e -> e.name().equals("job-failed")).findFirst();
    if (failed.isPresent()) {
      throw new StatefunRuntimeException("The StateFun job failed while waiting for " + what + ": "
          + failed.get().field() + ". " + diagnostics());
    }
    if (!process.isAlive() && !reader.isAlive()) {
      throw new StatefunRuntimeException("The StateFun runtime exited (code " + process.exitValue()
          + ") while waiting for " + what + ". " + diagnostics());
    }
  }

  private void waitQuietly(long millis) {
    try {
      lock.wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatefunRuntimeException("Interrupted", e);
    }
  }

  /** Called with the lock held. */
  private String diagnostics() {
    StringBuilder text = new StringBuilder();
    text.append("Runner events (").append(events.size()).append("): ");
    events.stream().filter(e -> !e.name().equals("egress")).forEach(e -> text.append('[').append(e).append("] "));
    text.append("\nEgress records (").append(egress.size()).append("): ");
    egress.stream().limit(50).forEach(r -> text.append('[').append(r).append("] "));
    text.append("\nWork directory: ").append(workDirectory.toAbsolutePath());
    text.append("\nFirst problems in ").append(flinkLog.getFileName()).append(":\n").append(problems(flinkLog, 8));
    text.append("\nLast lines of ").append(outputLog.getFileName()).append(":\n").append(tail(outputLog, 15));
    text.append("\nLast lines of ").append(flinkLog.getFileName()).append(":\n").append(tail(flinkLog, 30));
    return text.toString();
  }

  /**
   * The first distinct WARN/ERROR entries with the exception line under each: where the runtime
   * says why a call failed (e.g. {@code WrongHttpResponse: Unexpected response code 406}), which the
   * log's end, full of shutdown messages, does not show.
   */
  private static String problems(Path file, int max) {
    try {
      if (!Files.exists(file)) {
        return "  (none)";
      }
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
      for (int i = 0; i < all.size() && found.size() < max; i++) {
        String line = all.get(i);
        // The web monitor always warns that it has no log file: noise.
        if (!line.contains(" WARN ") && !line.contains(" ERROR ") || line.contains("WebMonitorUtils")) {
          continue;
        }
        String entry = line.replaceFirst("^\\S+ ", "").replaceAll("attempt #\\d+", "attempt #N");
        if (i + 1 < all.size() && !all.get(i + 1).isEmpty() && !Character.isDigit(all.get(i + 1).charAt(0))) {
          entry += "\n    " + all.get(i + 1).strip();
        }
        found.add(entry);
      }
      return found.isEmpty() ? "  (none)" : String.join("\n", found);
    } catch (IOException | UncheckedIOException e) {
      return "  (unreadable: " + e.getMessage() + ")";
    }
  }

  private static String tail(Path file, int lines) {
    try {
      if (!Files.exists(file)) {
        return "  (none)";
      }
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "  (unreadable: " + e.getMessage() + ")";
    }
  }

  /** The MiniCluster leaves blobs and a copy of the job jar (tens of MB) in its temp dir. */
  private void deleteTemporaryFiles() {
    Path tmp = workDirectory.resolve("tmp");
    if (!Files.isDirectory(tmp) || process.isAlive()) {
      return;
    }
    try (Stream<Path> paths = Files.walk(tmp)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // leave it; target/ is cleaned by mvn clean
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // same
    }
  }

}
