package dev.statefun.jakarta.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code cluster.sh} commands: the launcher is the only thing that starts, stops or kills a process. */
final class ClusterControl {
  static final String LOCK = "/tmp/statefun-cluster.lock";
  private final Path script;
  private final Path dir;
  private final Map<String, String> env;

  ClusterControl(Path script, Path dir, Map<String, String> env) {
    this.script = script;
    this.dir = dir;
    this.env = env;
  }

  Path dir() {
    return dir;
  }

  /** Runs a command to completion, its output streamed to the test's console; fails on a non-zero exit. */
  void run(Duration limit, String... args) {
    try {
      Process p = processBuilder(args).inheritIO().start();
      if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("cluster.sh " + String.join(" ", args) + ": not done in " + limit);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed (" + p.exitValue() + ")");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private ProcessBuilder processBuilder(String... args) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(script.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.environment().put("CLUSTER_DIR", dir.toString());
    return pb;
  }

  /** Runs a command and returns its stdout+stderr; fails on a non-zero exit. */
  String call(Duration limit, String... args) {
    try {
      Process p = processBuilder(args).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("cluster.sh " + String.join(" ", args) + ": no answer in " + limit);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed (" + p.exitValue() + "):\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Holds {@code flock /tmp/statefun-cluster.lock} (no two clusters on one machine: they share their ports)
   * until the returned handle is closed, or this JVM dies: the lock lives in a child process that exits when
   * its stdin closes.
   */
  static AutoCloseable holdClusterLock() throws IOException {
    Process holder = new ProcessBuilder("flock", LOCK, "-c", "echo locked; exec cat")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    System.out.println("waiting for " + LOCK + " ...");
    String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    if (!"locked".equals(line)) {
      throw new IllegalStateException("flock " + LOCK + " failed");
    }
    return () -> {
      holder.getOutputStream().close();
      holder.waitFor(10, TimeUnit.SECONDS);
    };
  }

  /** The Flink job's restart count (the numRestarts metric). */
  long restarts() {
    String v = call(Duration.ofSeconds(30), "restarts").trim();
    return v.isEmpty() ? 0 : Long.parseLong(v);
  }

  /** TaskManagers registered with the JobManager. */
  long taskmanagers() {
    try {
      String v = call(Duration.ofSeconds(30), "taskmanagers").trim();
      return v.isEmpty() ? 0 : Long.parseLong(v);
    } catch (IllegalStateException e) {
      return 0;
    }
  }

  /** HAProxy's health check reports replica n DOWN. */
  boolean replicaDown(int n) {
    return succeeds("replica-down", "" + n);
  }

  boolean tasksRunning() {
    return succeeds("tasks-running");
  }

  private boolean succeeds(String... args) {
    try {
      call(Duration.ofSeconds(30), args);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** PID files of the processes the launcher started: role name -> pid (re-read: restarts change them). */
  Map<String, Long> pids() {
    Map<String, Long> pids = new java.util.TreeMap<>();
    try (var files = Files.list(dir.resolve("pids"))) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".pid") && !name.startsWith("supervisor-")) {
          try {
            pids.put(name.substring(0, name.length() - 4), Long.parseLong(Files.readString(f).trim()));
          } catch (IOException | NumberFormatException ignored) {
            // being rewritten by a restart: the next sample sees it
          }
        }
      }
    } catch (IOException e) {
      // no pids directory yet
    }
    return pids;
  }
}
