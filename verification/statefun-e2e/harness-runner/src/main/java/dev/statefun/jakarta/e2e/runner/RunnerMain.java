package dev.statefun.jakarta.e2e.runner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.statefun.flink.harness.Harness;
import org.apache.flink.statefun.sdk.io.EgressIdentifier;
import org.apache.flink.statefun.sdk.reqreply.generated.TypedValue;

/**
 * Runs the StateFun runtime (a Flink MiniCluster, through {@link Harness}) fed by a messages file,
 * reporting egress records and job events on stdout and taking commands on stdin:
 * {@code stop} (or end of input: the driver went away) cancels the job and exits,
 * {@code fail} makes the job fail once.
 *
 * <p>Exit codes: 0 stopped on request, 1 the job failed, 2 bad settings, 3 could not stop cleanly.
 */
public final class RunnerMain {
  private static final AtomicBoolean STOPPING = new AtomicBoolean();
  // Set once Harness.start() has returned or thrown: nothing left to cancel, the JVM is exiting.
  private static final AtomicBoolean ENDED = new AtomicBoolean();

  private RunnerMain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: RunnerMain <runner.properties>");
      System.exit(2);
    }
    RunnerSettings settings;
    try {
      settings = RunnerSettings.load(Path.of(args[0]));
    } catch (Exception e) {
      Protocol.emit("job-failed", "bad runner settings: " + e.getMessage());
      System.exit(2);
      return;
    }
    Protocol.emit("started", Long.toString(ProcessHandle.current().pid()));

    Harness harness = new Harness();
    settings.flinkConfiguration().forEach(harness::withConfiguration);
    settings.globalConfiguration().forEach(harness::withGlobalConfiguration);
    harness.withFlinkSourceFunction(FeedModule.FEED, new FeedSource(settings.messagesFile(), settings.pollMillis()));
    for (String egress : settings.egress()) {
      int slash = egress.indexOf('/');
      harness.withConsumingEgress(
          new EgressIdentifier<>(egress.substring(0, slash), egress.substring(slash + 1), TypedValue.class),
          new EgressLines(egress));
    }

    daemon("statefun-e2e-control", RunnerMain::readCommands);
    daemon("statefun-e2e-status", RunnerMain::reportStatus);
    if (settings.maxRuntimeSeconds() > 0) {
      daemon("statefun-e2e-deadline", () -> {
        sleep(TimeUnit.SECONDS.toMillis(settings.maxRuntimeSeconds()));
        stop("max-runtime-seconds (" + settings.maxRuntimeSeconds() + ") reached");
      });
    }

    int exitCode;
    try {
      harness.start(); // blocks until the job ends
      ENDED.set(true);
      Protocol.emit("job-finished");
      exitCode = 0;
    } catch (Throwable t) {
      ENDED.set(true);
      if (STOPPING.get()) {
        exitCode = 0;
      } else {
        Protocol.emit("job-failed", rootCause(t));
        t.printStackTrace();
        exitCode = 1;
      }
    }
    Protocol.emit("stopped", Integer.toString(exitCode));
    System.exit(exitCode);
  }

  private static void readCommands() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        switch (line.trim()) {
          case "stop" -> {
            stop("stop command");
            return;
          }
          case "fail" -> FeedSource.requestFailure();
          case "" -> { }
          default -> Protocol.emit("unknown-command", line.trim());
        }
      }
    } catch (Exception e) {
      // fall through: treat like end of input
    }
    stop("end of standard input (the driver went away)");
  }

  /** Cancels the job through its client; the blocked {@code Harness.start()} then returns. */
  private static void stop(String reason) {
    if (ENDED.get() || !STOPPING.compareAndSet(false, true)) {
      return;
    }
    Protocol.emit("stopping", reason);
    daemon("statefun-e2e-halt", () -> {
      // Whatever happens below, this JVM does not outlive the stop by more than a minute.
      sleep(60_000);
      Protocol.emit("stop-failed", "the job did not end within 60 s of the stop; halting");
      Runtime.getRuntime().halt(3);
    });
    try {
      JobClient client = JobClientCapture.CLIENT.get(45, TimeUnit.SECONDS);
      client.cancel().get(45, TimeUnit.SECONDS);
    } catch (Exception e) {
      // A job that ended on its own meanwhile cannot be cancelled; main() reports how it ended.
      for (int i = 0; i < 100 && !ENDED.get(); i++) {
        sleep(100);
      }
      if (ENDED.get()) {
        return;
      }
      Protocol.emit("stop-failed", rootCause(e));
      Runtime.getRuntime().halt(3);
    }
  }

  private static void reportStatus() {
    JobClient client;
    try {
      client = JobClientCapture.CLIENT.get();
    } catch (Exception e) {
      return;
    }
    JobStatus last = null;
    while (true) {
      try {
        JobStatus status = client.getJobStatus().get(10, TimeUnit.SECONDS);
        if (status != last) {
          Protocol.emit("job-status", status.name());
          last = status;
        }
        if (status.isGloballyTerminalState()) {
          return;
        }
      } catch (Exception e) {
        return; // the cluster is going away
      }
      sleep(100);
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getName() + ": " + cause.getMessage();
  }
}
