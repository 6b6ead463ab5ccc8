package dev.statefun.jakarta.e2e.demo;

import dev.statefun.jakarta.e2e.driver.EgressRecord;
import dev.statefun.jakarta.e2e.driver.IngressMessage;
import dev.statefun.jakarta.e2e.driver.RemoteEndpoint;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import dev.statefun.jakarta.e2e.driver.StatefunRuntimeException;
import dev.statefun.jakarta.example.Greeter;
import dev.statefun.jakarta.example.Greets;
import dev.statefun.jakarta.example.Profiles;
import dev.statefun.jakarta.example.Reminders;
import dev.statefun.jakarta.example.Translator;
import dev.statefun.jakarta.example.User;
import dev.statefun.jakarta.example.reminders.CancelReminder;
import dev.statefun.jakarta.example.reminders.ScheduleReminder;
import dev.statefun.jakarta.embedded.EmbeddedServer;
import dev.statefun.jakarta.embedded.EmbeddedServerConfig;
import dev.statefun.jakarta.types.Type;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The example functions of war-example on the embedded server, called by the real StateFun runtime
 * (in its own JVM): sends a few messages, prints every record the functions write to their Kafka
 * egress as it arrives, shows that a cancelled reminder never comes, and stops. Logs go to files.
 *
 * <p>System properties: {@code demo.work-dir} (default {@code target/demo}), {@code demo.port}
 * (default: any free port, 8000 with keep-serving), {@code demo.keep-serving} (after the demo, keep
 * both running and greet each name typed on stdin, until Ctrl-C or end of input).
 */
public final class GreeterDemo {
  private static final Duration STARTUP = Duration.ofSeconds(180);
  private static final Duration CANCELLED_DELAY = Duration.ofSeconds(2);
  private static final long START = System.nanoTime();

  private GreeterDemo() {}

  public static void main(String[] args) throws Exception {
    Path workDir = Path.of(System.getProperty("demo.work-dir", "target/demo")).toAbsolutePath();
    boolean keepServing = Boolean.parseBoolean(System.getProperty("demo.keep-serving", "false"));
    Files.createDirectories(workDir);
    Path serverLog = workDir.resolve("server.log");
    logToFile(serverLog);

    say("StateFun Jakarta EE SDK demo: the war-example functions on the embedded server (Weld SE + Jersey),");
    say("called over HTTP by the real Apache Flink StateFun 3.3 runtime running in its own JVM.");
    say("");

    EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.fromEnvironment().withPort(port(keepServing)));
    say("[1/3] Endpoint up at %s, serving %s", server.uri(), String.join(", ", server.functionTypes()));
    say("      (server log: %s)", serverLog);

    Path runtimeDir = workDir.resolve("runtime");
    deleteRecursively(runtimeDir);
    StatefunRuntime runtime = StatefunRuntime.builder()
        .name("demo")
        .workDirectory(runtimeDir)
        .remoteEndpoint(new RemoteEndpoint("com.example.fns/*", server.uri()))
        .egress(Greets.EGRESS.canonical())
        .start();
    Thread stopper = new Thread(() -> {
      runtime.close();
      server.close();
    }, "demo-stop");
    Runtime.getRuntime().addShutdownHook(stopper);

    say("[2/3] Starting the StateFun runtime (a Flink MiniCluster, pid %d); this takes 5-15 s.", runtime.pid());
    say("      (Flink log: %s)", runtime.flinkLog());
    int sent = sendScript(runtime);

    int code;
    try {
      awaitStartup(runtime);
      say("[3/3] Sent %d messages; records arrive on the Kafka egress %s (Kafka itself is never contacted):",
          sent, Greets.EGRESS);
      code = showRecords(runtime) ? 0 : 1;
    } catch (StatefunRuntimeException e) {
      say("");
      say("FAILED: %s", e.getMessage());
      code = 1;
    }

    if (code == 0 && keepServing) {
      keepServing(runtime, server);
    }
    say("Stopping the runtime and the endpoint...");
    Runtime.getRuntime().removeShutdownHook(stopper);
    int exit = runtime.stop();
    server.close();
    say("Stopped (runtime exit code %d) after %s.", exit, elapsed());
    System.exit(code);
  }

  /** Sends the demo's messages (the runtime picks them up once it runs); returns how many. */
  private static int sendScript(StatefunRuntime runtime) {
    List<IngressMessage> messages = new ArrayList<>();
    for (String name : List.of("Alice", "Bob", "Alice", "Alice")) {
      messages.add(IngressMessage.ofString(Greeter.TYPE, name, name));
    }
    messages.add(IngressMessage.ofString(Translator.TYPE, "de", "Eve"));
    messages.add(IngressMessage.ofString(Translator.TYPE, "fr", "Eve"));
    messages.add(IngressMessage.ofString(Translator.TYPE, "xx", "Eve"));
    messages.add(typed(Reminders.TYPE, "ann", Reminders.SCHEDULE,
        ScheduleReminder.newBuilder().setText("stretch").setDelayMillis(CANCELLED_DELAY.toMillis()).build()));
    messages.add(typed(Reminders.TYPE, "cal", Reminders.SCHEDULE,
        ScheduleReminder.newBuilder().setText("never shown").setDelayMillis(CANCELLED_DELAY.toMillis()).build()));
    messages.add(typed(Reminders.TYPE, "cal", Reminders.CANCEL, CancelReminder.getDefaultInstance()));
    messages.add(typed(Profiles.TYPE, "fay", User.TYPE, new User("fay", "blue")));
    messages.add(typed(Profiles.TYPE, "fay", User.TYPE, new User("fay", "green")));
    runtime.sendAll(messages);
    return messages.size();
  }

  /** What the messages cause on the egress: topic, key, text. */
  private static final List<String> EXPECTED = List.of(
      "greetings Alice Hello Alice for the 1st time!", "inbox Alice 1: Hello Alice for the 1st time!",
      "greetings Bob Hello Bob for the 1st time!", "inbox Bob 1: Hello Bob for the 1st time!",
      "greetings Alice Hello Alice for the 2nd time!", "inbox Alice 2: Hello Alice for the 2nd time!",
      "greetings Alice Hello Alice for the 3rd time!", "inbox Alice 3: Hello Alice for the 3rd time!",
      "translations de Hallo Eve!", "translations fr Bonjour Eve!", "translations xx no phrase for xx: Eve",
      "reminders ann #1 scheduled", "reminders ann #1 due: stretch",
      "reminders cal #1 scheduled", "reminders cal #1 cancelled",
      "profiles fay fay likes blue", "profiles fay fay now likes green (was blue)");

  private static void awaitStartup(StatefunRuntime runtime) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    String last = "";
    long lastSaid = 0;
    while (System.nanoTime() < deadline) {
      if (!runtime.egressRecords().isEmpty()) {
        return;
      }
      String phase = phase(runtime);
      // A line when the phase changes, and every 5 s while it does not.
      if (!phase.equals(last) || System.nanoTime() - lastSaid > 5_000_000_000L) {
        say("      %6s  %s%s", elapsed(), phase.equals(last) ? "still waiting: " : "", phase);
        last = phase;
        lastSaid = System.nanoTime();
      }
      // Throws with the runtime's own explanation if the job failed or the JVM exited.
      runtime.egressDuring(Duration.ofMillis(250));
    }
    throw new StatefunRuntimeException("No record within " + STARTUP.toSeconds() + " s of the start");
  }

  private static String phase(StatefunRuntime runtime) {
    Optional<String> status = runtime.events().stream()
        .filter(e -> e.name().equals("job-status")).map(e -> e.field()).reduce((a, b) -> b);
    if (status.isPresent()) {
      return status.get().equals("RUNNING")
          ? "job running; deploying its tasks, then the first call to the endpoint..."
          : "job " + status.get().toLowerCase(Locale.ROOT) + "...";
    }
    boolean submitted = runtime.events().stream().anyMatch(e -> e.name().equals("job-submitted"));
    return submitted ? "job submitted, scheduling..." : "starting the Flink MiniCluster...";
  }

  /** Prints the records as they arrive; true if exactly the expected ones came. */
  private static boolean showRecords(StatefunRuntime runtime) {
    int shown = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      List<EgressRecord> records = runtime.egressRecords();
      for (; shown < records.size(); shown++) {
        print(records.get(shown));
      }
      if (records.size() >= EXPECTED.size()) {
        break;
      }
      runtime.egressDuring(Duration.ofMillis(100));
    }
    say("      %6s  waiting %d s more: cal's cancelled reminder was due after %d s and must never arrive...",
        elapsed(), CANCELLED_DELAY.toSeconds() * 2, CANCELLED_DELAY.toSeconds());
    runtime.egressDuring(CANCELLED_DELAY.multipliedBy(2));
    List<EgressRecord> records = runtime.egressRecords();
    for (; shown < records.size(); shown++) {
      print(records.get(shown));
    }

    List<String> got = records.stream().map(GreeterDemo::line).sorted().toList();
    List<String> want = EXPECTED.stream().sorted().toList();
    if (got.equals(want)) {
      say("OK: all %d records arrived, each once; the cancelled reminder did not.", want.size());
      return true;
    }
    List<String> missing = new ArrayList<>(want);
    got.forEach(missing::remove);
    List<String> unexpected = new ArrayList<>(got);
    want.forEach(unexpected::remove);
    say("FAILED: missing %s, unexpected %s (logs: %s)", missing, unexpected, runtime.workDirectory());
    return false;
  }

  private static void keepServing(StatefunRuntime runtime, EmbeddedServer server) throws IOException {
    // Names typed on stdin go to the greeter; Maven's exec:exec forwards the terminal.
    say("");
    say("Keep serving: the endpoint stays at %s and the runtime keeps running.", server.uri());
    say("Type a name and Enter to greet it (greetings print below); Ctrl-D or Ctrl-C stops.");
    Thread printer = new Thread(() -> {
      int shown = runtime.egressRecords().size();
      while (runtime.isAlive()) {
        List<EgressRecord> records = runtime.egressRecords();
        for (; shown < records.size(); shown++) {
          print(records.get(shown));
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "demo-printer");
    printer.setDaemon(true);
    printer.start();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String name = line.strip();
      if (!name.isEmpty() && name.indexOf('\t') < 0) {
        runtime.sendString(Greeter.TYPE, name, name);
      }
    }
    // End of input (Ctrl-D): let the last greetings arrive, then stop. Ctrl-C stops through the
    // shutdown hook.
    runtime.egressDuring(Duration.ofSeconds(3));
  }

  private static void print(EgressRecord record) {
    EgressRecord.KafkaRecord kafka = record.kafkaRecord();
    say("      %6s  %-12s %-6s %s", elapsed(), kafka.topic(), kafka.key(), kafka.valueAsUtf8());
  }

  private static String line(EgressRecord record) {
    EgressRecord.KafkaRecord kafka = record.kafkaRecord();
    return kafka.topic() + " " + kafka.key() + " " + kafka.valueAsUtf8();
  }

  private static <T> IngressMessage typed(String functionType, String id, Type<T> type, T value) {
    return new IngressMessage(functionType, id, type.typeName().canonical(), type.serialize(value));
  }

  private static int port(boolean keepServing) {
    String port = System.getProperty("demo.port", "");
    if (!port.isBlank()) {
      return Integer.parseInt(port.strip());
    }
    return keepServing ? 8000 : 0;
  }

  /** Weld, Jersey and the server log through JUL: into a file, not over the demo's output. */
  private static void logToFile(Path file) throws IOException {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    Handler handler = new FileHandler(file.toString(), false);
    handler.setFormatter(new SimpleFormatter());
    root.addHandler(handler);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String elapsed() {
    return String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - START) / 1e9);
  }

  private static void say(String format, Object... args) {
    System.out.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
