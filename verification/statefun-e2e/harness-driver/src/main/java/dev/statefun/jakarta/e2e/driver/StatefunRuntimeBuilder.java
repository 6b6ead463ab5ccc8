package dev.statefun.jakarta.e2e.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Settings for a {@link StatefunRuntime}; {@link #start()} launches it.
 *
 * <p>Where the runner's classpath comes from: {@link #runnerClasspathFile}, else the system
 * property {@value #CLASSPATH_PROPERTY}, else {@code verification/statefun-e2e/harness-runner/target/runner.classpath}
 * found from the working directory or one of its parents (the harness-runner module writes it when
 * built, e.g. by {@code mvn -pl verification/statefun-e2e/tests -am verify}).
 */
public final class StatefunRuntimeBuilder {
  public static final String CLASSPATH_PROPERTY = "statefun.e2e.runner-classpath";
  public static final String WORK_ROOT_PROPERTY = "statefun.e2e.work-root";
  private static final String RUNNER_MAIN = "dev.statefun.jakarta.e2e.runner.RunnerMain";
  private static final AtomicInteger RUNS = new AtomicInteger();

  private String name = "run";
  private Path workDirectory;
  private Path runnerClasspathFile;
  private final List<RemoteEndpoint> endpoints = new ArrayList<>();
  private String moduleYaml;
  private final Set<String> egress = new LinkedHashSet<>();
  private final Map<String, String> flink = new LinkedHashMap<>();
  private final Map<String, String> global = new LinkedHashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private String maxHeap = "256m";
  private Duration maxRuntime = Duration.ofMinutes(30);
  private Duration pollInterval = Duration.ofMillis(20);

  StatefunRuntimeBuilder() {}

  /** A short name for the run; the work directory is named after it. */
  public StatefunRuntimeBuilder name(String name) {
    this.name = Objects.requireNonNull(name, "name").replaceAll("[^A-Za-z0-9._-]", "_");
    return this;
  }

  /**
   * Where the run keeps its settings, messages file and logs (default:
   * {@code target/statefun-e2e/NAME-TIMESTAMP-N}, or under the system property
   * {@value #WORK_ROOT_PROPERTY}). The runner's temp dir is its {@code tmp} subfolder, deleted on stop.
   */
  public StatefunRuntimeBuilder workDirectory(Path directory) {
    this.workDirectory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /** The file with the runner JVM's classpath (see the class comment for the default). */
  public StatefunRuntimeBuilder runnerClasspathFile(Path file) {
    this.runnerClasspathFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /** Adds a remote endpoint to the generated module YAML. */
  public StatefunRuntimeBuilder remoteEndpoint(RemoteEndpoint endpoint) {
    endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
    return this;
  }

  /**
   * Uses this module YAML as it is (instead of, or before, generated endpoint documents). Ingress
   * and egress declared in it are replaced by the feed and the reporting egresses if named alike.
   */
  public StatefunRuntimeBuilder moduleYaml(String yaml) {
    this.moduleYaml = Objects.requireNonNull(yaml, "yaml");
    return this;
  }

  /** Reports what functions send to this egress ({@code namespace/name}). Call once per egress. */
  public StatefunRuntimeBuilder egress(String... identifiers) {
    for (String id : identifiers) {
      int slash = id.indexOf('/');
      if (slash <= 0 || slash == id.length() - 1 || id.contains(",")) {
        throw new IllegalArgumentException("An egress identifier is namespace/name: " + id);
      }
      egress.add(id);
    }
    return this;
  }

  /**
   * A Flink configuration entry, passed through as it is: checkpointing
   * ({@code execution.checkpointing.interval}), restart strategy ({@code restart-strategy.type}, ...),
   * {@code parallelism.default}, state backend, and so on. The runner binds Flink to 127.0.0.1 and
   * an ephemeral REST port unless these say otherwise.
   */
  public StatefunRuntimeBuilder flinkConfiguration(String key, String value) {
    flink.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** {@code parallelism.default}. */
  public StatefunRuntimeBuilder parallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    return flinkConfiguration("parallelism.default", Integer.toString(parallelism));
  }

  /** A StateFun global configuration entry (visible to embedded modules). */
  public StatefunRuntimeBuilder globalConfiguration(String key, String value) {
    global.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** The runner JVM's -Xmx (default 256m). */
  public StatefunRuntimeBuilder maxHeap(String maxHeap) {
    this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap");
    return this;
  }

  /** An extra option for the runner JVM. */
  public StatefunRuntimeBuilder jvmOption(String option) {
    jvmOptions.add(Objects.requireNonNull(option, "option"));
    return this;
  }

  /** The runner stops by itself after this long, whatever happens (default 30 min). */
  public StatefunRuntimeBuilder maxRuntime(Duration maxRuntime) {
    if (maxRuntime.isNegative() || maxRuntime.isZero()) {
      throw new IllegalArgumentException("maxRuntime must be positive: " + maxRuntime);
    }
    this.maxRuntime = maxRuntime;
    return this;
  }

  /** How often the runtime looks for new messages (default 20 ms). */
  public StatefunRuntimeBuilder pollInterval(Duration pollInterval) {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
    this.pollInterval = pollInterval;
    return this;
  }

  /**
   * Writes the run's files and launches the runner JVM. Returns at once: the runtime takes several
   * seconds to call its first function (see {@link StatefunRuntime#awaitRunning}).
   */
  public StatefunRuntime start() {
    if (moduleYaml == null && endpoints.isEmpty()) {
      throw new IllegalStateException("No module: add a remoteEndpoint(...) or a moduleYaml(...)");
    }
    Path classpathFile = resolveClasspathFile();
    String classpath;
    try {
      classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the runner classpath " + classpathFile, e);
    }
    Path dir = (workDirectory != null ? workDirectory : defaultWorkDirectory()).toAbsolutePath();
    try {
      Files.createDirectories(dir.resolve("tmp"));
      Path yaml = dir.resolve("module.yaml");
      Files.writeString(yaml, yaml(), StandardCharsets.UTF_8);
      Path messages = dir.resolve("messages.tsv");
      Files.writeString(messages, "# target-type\tid\ttypename\tbase64-value\n", StandardCharsets.UTF_8);
      Properties settings = new Properties();
      settings.setProperty("messages-file", messages.toString());
      settings.setProperty("module-yaml", yaml.toString());
      settings.setProperty("egress", String.join(",", egress));
      settings.setProperty("poll-millis", Long.toString(pollInterval.toMillis()));
      settings.setProperty("max-runtime-seconds", Long.toString(Math.max(1, maxRuntime.toSeconds())));
      flink.forEach((k, v) -> settings.setProperty("flink." + k, v));
      global.forEach((k, v) -> settings.setProperty("global." + k, v));
      Path settingsFile = dir.resolve("runner.properties");
      try (Writer out = Files.newBufferedWriter(settingsFile, StandardCharsets.UTF_8)) {
        settings.store(out, "statefun-e2e runner settings");
      }
      Path flinkLog = dir.resolve("flink.log");
      Path outputLog = dir.resolve("runner-output.log");

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + maxHeap);
      // Flink 1.16 reflects into these packages (Kryo, closure cleaner) on Java 17.
      command.add("--add-opens=java.base/java.util=ALL-UNNAMED");
      command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
      command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
      command.add("-Dlog4j.configuration=statefun-e2e-runner-log4j.properties");
      command.add("-Dstatefun.e2e.log-file=" + flinkLog);
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(classpath);
      command.add(RUNNER_MAIN);
      command.add(settingsFile.toString());

      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(outputLog.toFile()))
          .start();
      return new StatefunRuntime(dir, messages, flinkLog, outputLog, process);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the StateFun runtime in " + dir, e);
    }
  }

  private String yaml() {
    List<String> documents = new ArrayList<>();
    if (moduleYaml != null) {
      documents.add(moduleYaml.strip() + "\n");
    }
    endpoints.forEach(e -> documents.add(e.toYaml()));
    return String.join("---\n", documents);
  }

  private Path defaultWorkDirectory() {
    Path root = Path.of(System.getProperty(WORK_ROOT_PROPERTY, "target/statefun-e2e"));
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return root.resolve(name + "-" + stamp + "-" + RUNS.incrementAndGet());
  }

  private Path resolveClasspathFile() {
    if (runnerClasspathFile != null) {
      return requireFile(runnerClasspathFile, "runnerClasspathFile(...)");
    }
    String property = System.getProperty(CLASSPATH_PROPERTY);
    if (property != null && !property.isBlank()) {
      return requireFile(Path.of(property), "the system property " + CLASSPATH_PROPERTY);
    }
    Path relative = Path.of("verification", "statefun-e2e", "harness-runner", "target", "runner.classpath");
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException("Cannot find the runner classpath: set " + CLASSPATH_PROPERTY
        + " or build the harness-runner module first (mvn -pl verification/statefun-e2e/harness-runner -am process-classes)");
  }

  private static Path requireFile(Path file, String source) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("The runner classpath file " + file.toAbsolutePath() + " (from " + source
          + ") does not exist: build the harness-runner module first (mvn -pl verification/statefun-e2e/harness-runner -am process-classes)");
    }
    return file;
  }
}
