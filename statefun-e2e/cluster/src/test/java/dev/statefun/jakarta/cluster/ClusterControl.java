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

  /** Runs a command to completion (output to the test's console); fails on a non-zero exit. */
  void run(Duration limit, String... args) {
    String out = call(limit, args);
    if (!out.isEmpty()) {
      System.out.print(out);
    }
  }

  /** Runs a command and returns its stdout+stderr; fails on a non-zero exit. */
  String call(Duration limit, String... args) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(script.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("CLUSTER_DIR", dir.toString());
    try {
      Process p = pb.start();
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

  /** The Flink job's restart count (the numRestarts metric). */
  long restarts() {
    String v = call(Duration.ofSeconds(30), "restarts").trim();
    return v.isEmpty() ? 0 : Long.parseLong(v);
  }

  boolean tasksRunning() {
    try {
      call(Duration.ofSeconds(30), "tasks-running");
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
        if (name.endsWith(".pid")) {
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
