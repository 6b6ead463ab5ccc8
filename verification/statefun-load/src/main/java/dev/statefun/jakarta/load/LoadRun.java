package dev.statefun.jakarta.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A load run against the embedded server on loopback: starts the server, runs the clients through
 * warm-up and the measured part, samples the server's memory, and reports.
 *
 * <pre>{@code java -cp <statefun-load and its dependencies> -Dload.clients=64 -Dload.duration=60s \
 *     dev.statefun.jakarta.load.LoadRun}</pre>
 * Exits with 1 if any reply was wrong.
 */
public final class LoadRun {
  private LoadRun() {}

  public static void main(String[] args) throws Exception {
    LoadReport report = run(LoadSettings.fromSystemProperties());
    System.exit(report.errors() == 0 && report.requests() > 0 ? 0 : 1);
  }

  /** Runs, prints the report, and writes it to {@code load.report} if set. */
  public static LoadReport run(LoadSettings settings) throws InterruptedException, IOException {
    List<MemorySample> memory = new ArrayList<>();
    try (LoadTarget target = LoadTarget.start(settings)) {
      memory.add(target.sample("after start"));
      String loadBefore = loadAverage();
      long start = System.nanoTime();
      LoadClock clock = new LoadClock(start, settings.warmup().toNanos(), settings.duration().toNanos());
      ExecutorService clients = Executors.newFixedThreadPool(settings.clients(), runnable -> {
        Thread thread = new Thread(runnable, "load-client");
        thread.setDaemon(true);
        return thread;
      });
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      try {
        List<Future<ClientStats>> running = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
          running.add(clients.submit(new LoadClient(i, target.uri(), settings, clock)));
        }
        // Samples while the clients run: each is a full GC in the server, a short pause they all feel.
        ScheduledFuture<MemorySample> afterWarmup = sampler.schedule(() -> target.sample("after warm-up"),
            clock.measureFrom() - System.nanoTime(), TimeUnit.NANOSECONDS);
        ScheduledFuture<MemorySample> middle = sampler.schedule(() -> target.sample("middle"),
            clock.measureFrom() + settings.duration().toNanos() / 2 - System.nanoTime(), TimeUnit.NANOSECONDS);
        ClientStats total = new ClientStats(settings.batchSizes());
        for (Future<ClientStats> client : running) {
          total.addAll(client.get());
        }
        String loadAfter = loadAverage();
        memory.add(afterWarmup.get());
        memory.add(middle.get());
        memory.add(target.sample("end"));
        long[][] byBatch = new long[settings.batchSizes().length][];
        long[] requestsByBatch = new long[settings.batchSizes().length];
        for (int i = 0; i < byBatch.length; i++) {
          byBatch[i] = LoadReport.summary(total.byBatchSize[i]);
          requestsByBatch[i] = total.byBatchSize[i].count();
        }
        LoadReport report = new LoadReport(settings, target.description(), settings.duration().toNanos() / 1e9,
            total.requests, total.invocations, total.warmupRequests, total.errors, List.copyOf(total.firstErrors),
            LoadReport.summary(total.all), byBatch, requestsByBatch, List.copyOf(memory), loadBefore, loadAfter);
        System.out.print(report);
        if (settings.report().isPresent()) {
          Path file = settings.report().get();
          Files.createDirectories(file.toAbsolutePath().getParent());
          Files.writeString(file, report.toString());
        }
        return report;
      } catch (ExecutionException e) {
        throw new IllegalStateException("A load client failed", e.getCause());
      } finally {
        clients.shutdownNow();
        sampler.shutdownNow();
      }
    }
  }

  /** The first three fields of /proc/loadavg, or "unknown". */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
