package dev.statefun.jakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One run of the production-shaped cluster (see README.md): starts it, feeds Kafka, injects faults through
 * {@code cluster.sh}, checks every committed egress record with a read_committed consumer, stops it.
 */
final class ClusterRun {
  private static final String BOOTSTRAP = "127.0.0.1:19092";
  private static final String REST = "http://127.0.0.1:18081";
  private static final List<String> EGRESS = List.of("greetings", "inbox", "reminders");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  /**
   * With faults: the share of the input fed before each fault. The producer stops at each mark until that fault
   * has begun, so input is flowing during every fault however long the previous one took to recover from.
   */
  private static final double[] FAULT_AT = {0.10, 0.25, 0.40, 0.80};

  private final int messages = Integer.getInteger("cluster.messages", 10_000);
  private final int ids = Integer.getInteger("cluster.ids", 500);
  private final int rate = Integer.getInteger("cluster.rate", 100);
  private final int replicas;
  private final int taskmanagers = Integer.getInteger("cluster.taskmanagers", 2);
  private final boolean faults = Boolean.parseBoolean(System.getProperty("cluster.faults", "true"));
  private final String label;

  private final Workload workload = new Workload(messages, ids);
  private final EgressLedger ledger = new EgressLedger(workload);
  private final ProcessMonitor monitor = new ProcessMonitor();
  /** (millis since start, greetings seen) every 500 ms. */
  private final List<long[]> progress = new CopyOnWriteArrayList<>();
  private final Map<TopicPartition, Long> consumed = new ConcurrentHashMap<>();
  /** The machine's 1-minute load average every 500 ms: the runs share 2 cores with whatever else runs. */
  private final List<Double> loads = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  /** The producer sends the names records up to this many inputs, then waits (see FAULT_AT). */
  private final AtomicLong allowed = new AtomicLong(Long.MAX_VALUE);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicLong produced = new AtomicLong();
  /** Records sent to the names topic and acknowledged by Kafka: the greetings the job owes so far. */
  private final AtomicLong namesAcked = new AtomicLong();
  private final HttpClient http = HttpClient.newHttpClient();
  private long t0;

  ClusterRun(int replicas, String label) {
    this.replicas = replicas;
    this.label = label;
  }

  /**
   * The same run without Maven, e.g. for repeated scaling runs: the {@code cluster.*} system properties as in
   * pom.xml, plus {@code cluster.script} and {@code cluster.dir}.
   */
  public static void main(String[] args) throws Exception {
    for (String replicas : System.getProperty("cluster.replicas", "2").split(",")) {
      int n = Integer.parseInt(replicas.trim());
      new ClusterRun(n, System.getProperty("cluster.label", "run") + "-r" + n).execute();
    }
  }

  /** Starts the cluster (holding the cluster lock), runs, checks, stops; returns the summary. */
  String execute() throws Exception {
    Path dir = Path.of(System.getProperty("cluster.dir"));
    ClusterControl cluster = new ClusterControl(Path.of(System.getProperty("cluster.script")), dir,
        Map.of("REPLICAS", "" + replicas, "TASKMANAGERS", "" + taskmanagers,
            "CALL_TIMEOUT", CALL_TIMEOUT.toSeconds() + "s", "FRESH", "1"));
    try (AutoCloseable lock = ClusterControl.holdClusterLock()) {
      return run(cluster, dir);
    }
  }

  private String run(ClusterControl cluster, Path dir) throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<FaultRecord> faultRecords = new ArrayList<>();
    try {
      long startMs = System.currentTimeMillis();
      cluster.run(Duration.ofMinutes(20), "start"); // in the try: a failed start still stops what it started
      double startSeconds = (System.currentTimeMillis() - startMs) / 1000.0;
      t0 = System.currentTimeMillis();
      monitor.sample(cluster.pids());
      double fnCpu0 = monitor.cpuSeconds("replica-");
      double lbCpu0 = monitor.cpuSeconds("haproxy");
      double tmCpu0 = monitor.cpuSeconds("taskmanager-");
      threads.add(daemon("monitor", () -> {
        long nextReport = 0;
        while (!stop.get()) {
          monitor.sample(cluster.pids());
          progress.add(new long[] {System.currentTimeMillis() - t0, ledger.greetings()});
          loads.add(loadAverage());
          if (now() >= nextReport) {
            System.out.printf("%6.0f s  fed %d of %d; %s%n", now() / 1000.0, produced.get(), messages, ledger.summary());
            nextReport += 30_000;
          }
          sleep(500);
        }
      }));
      threads.add(daemon("consumer", this::consume));
      if (faults) {
        release(FAULT_AT[0]);
      }
      threads.add(daemon("producer", this::produce));
      long restarts0 = cluster.restarts();
      if (faults) {
        faultRecords.add(fault(cluster, FAULT_AT[0], "kill -9 TaskManager 2 (its supervisor restarts it)", () -> {
          long killed = cluster.pids().getOrDefault("taskmanager-2", -1L);
          cluster.run(Duration.ofMinutes(1), "kill-tm", "2");
          release(FAULT_AT[1]);
          // the supervisor starts a new JVM after its restart delay; it registers under its old id
          awaitOrFail("TaskManager 2 restarted and registered", Duration.ofMinutes(5),
              () -> cluster.pids().getOrDefault("taskmanager-2", killed) != killed
                  && cluster.taskmanagers() >= taskmanagers);
        }));
        faultRecords.add(fault(cluster, FAULT_AT[1], "kill -9 replica 1, back once HAProxy saw it DOWN", () -> {
          cluster.run(Duration.ofMinutes(1), "kill-replica", "1");
          release(FAULT_AT[2]);
          awaitOrFail("HAProxy reporting replica 1 DOWN", Duration.ofMinutes(1), () -> cluster.replicaDown(1));
          cluster.run(Duration.ofMinutes(3), "start-replica", "1");
        }));
        faultRecords.add(fault(cluster, FAULT_AT[2], "rolling restart of all replicas", () -> {
          release(FAULT_AT[3]);
          for (int n = 1; n <= replicas; n++) {
            cluster.run(Duration.ofMinutes(3), "restart-replica", "" + n);
          }
        }));
        long before = cluster.restarts();
        faultRecords.add(fault(cluster, FAULT_AT[3],
            "function outage until a call times out (" + CALL_TIMEOUT.toSeconds() + " s) and the job restarts",
            () -> {
              cluster.run(Duration.ofMinutes(1), "kill-replicas");
              release(1.0); // input arrives during the outage: calls must time out
              // the outage lasts until the job has failed on a timed-out call and restarted from a checkpoint
              awaitOrFail("a job restart caused by the call timeout", CALL_TIMEOUT.plusMinutes(4),
                  () -> cluster.restarts() > before);
              cluster.run(Duration.ofMinutes(5), "start-replicas");
            }));
        assertTrue(cluster.restarts() > before,
            "the outage longer than the call timeout must make the job restart from a checkpoint");
      }
      release(1.0);

      // 10 min, or 100 messages/s for large runs (the shared 2-core machine did 130-210 end to end)
      Duration limit = Duration.ofMinutes(Math.max(10, messages / 6_000));
      awaitOrFail("every expected record", limit, ledger::complete);
      double doneSeconds = (System.currentTimeMillis() - t0) / 1000.0;
      // Anything the job wrote before now is committed after two more checkpoints; read up to there.
      long checkpoints = completedCheckpoints(cluster);
      awaitOrFail("two more checkpoints", Duration.ofMinutes(3), () -> completedCheckpoints(cluster) >= checkpoints + 2);
      Map<TopicPartition, Long> end = endOffsets();
      awaitOrFail("the consumer at the end of the committed egress", Duration.ofMinutes(3),
          () -> end.entrySet().stream().allMatch(e -> consumed.getOrDefault(e.getKey(), 0L) >= e.getValue()));
      monitor.sample(cluster.pids());

      assertEquals(List.of(), ledger.violations(), "egress violations");
      assertEquals(List.of(), ledger.missing(), "missing records");
      assertTrue(ledger.complete());
      double fnCpu = monitor.cpuSeconds("replica-") - fnCpu0;
      double lbCpu = monitor.cpuSeconds("haproxy") - lbCpu0;
      double tmCpu = monitor.cpuSeconds("taskmanager-") - tmCpu0;
      StringBuilder summary = new StringBuilder();
      summary.append(String.format("CLUSTER SUMMARY %s: messages=%d ids=%d (names) + %d (users) replicas=%d taskmanagers=%d rate=%s%n",
          label, messages, ids, workload.users(), replicas, taskmanagers, rate > 0 ? rate + "/s" : "unthrottled"));
      summary.append(String.format("  cluster start %.0f s; all exact after %.1f s: %.0f messages/s end to end; job restarts %d%n",
          startSeconds, doneSeconds, messages / doneSeconds, cluster.restarts() - restarts0));
      summary.append(String.format("  steady state: %.0f greetings/s committed between 20%% and 80%% of the output%n",
          steadyRate(workload.greetings())));
      summary.append("  ").append(ledger.summary()).append('\n');
      summary.append(String.format("  cpu: function tier %.1f s (%.0f us/message), haproxy %.1f s, taskmanagers %.1f s (%.0f us/message)%n",
          fnCpu, fnCpu * 1e6 / messages, lbCpu, tmCpu, tmCpu * 1e6 / messages));
      summary.append("  peak RSS MB: ").append(monitor.peakRssMb()).append('\n');
      summary.append(String.format("  machine load average (1 min) during the run: mean %.1f, max %.1f (%d cores)%n",
          loads.stream().mapToDouble(Double::doubleValue).average().orElse(0),
          loads.stream().mapToDouble(Double::doubleValue).max().orElse(0), Runtime.getRuntime().availableProcessors()));
      faultRecords.forEach(f -> summary.append(f.line()).append('\n'));
      System.out.print(summary);
      Files.writeString(dir.resolve("summary-" + label + ".txt"), summary);
      return summary.toString();
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        t.join(15_000);
      }
      if (!Boolean.getBoolean("cluster.keep")) {
        cluster.run(Duration.ofMinutes(5), "stop");
      }
    }
  }

  private FaultRecord fault(ClusterControl cluster, double atFraction, String name, Action action) throws Exception {
    awaitOrFail("input fed to " + (int) (atFraction * 100) + "% before: " + name, Duration.ofMinutes(30),
        () -> produced.get() >= atFraction * messages);
    double preRate = rateBetween(now() - 30_000, now());
    long restartsBefore = cluster.restarts();
    long start = now();
    System.out.printf("FAULT at %.1f s: %s (output %.0f records/s before)%n", start / 1000.0, name, preRate);
    action.run();
    // Recovered: every task RUNNING again (the TaskManager case waits here for the job's restart), then the
    // first committed output after that (which needs a completed checkpoint: exactly-once output).
    awaitOrFail("all tasks running after: " + name, Duration.ofMinutes(10), cluster::tasksRunning);
    long seen = ledger.records();
    // (or none owed: with the producer holding input back, the job may have caught up with all it got)
    awaitOrFail("committed output after: " + name, Duration.ofMinutes(10),
        () -> ledger.records() > seen || ledger.greetings() >= namesAcked.get());
    long recovered = now();
    FaultRecord record = new FaultRecord(name, start / 1000.0, (recovered - start) / 1000.0,
        longestStall(start, recovered) / 1000.0, cluster.restarts() - restartsBefore);
    System.out.println("RECOVERED " + record.line().trim());
    return record;
  }

  /** The longest time between two increases of the committed greetings in [from, to]. */
  private long longestStall(long fromMs, long toMs) {
    long longest = 0;
    long lastChange = fromMs;
    long lastValue = -1;
    for (long[] s : progress) {
      if (s[0] < fromMs || s[0] > toMs) {
        continue;
      }
      if (lastValue >= 0 && s[1] > lastValue) {
        longest = Math.max(longest, s[0] - lastChange);
        lastChange = s[0];
      }
      lastValue = s[1];
    }
    return Math.max(longest, toMs - lastChange);
  }

  private double rateBetween(long fromMs, long toMs) {
    long[] first = null;
    long[] last = null;
    for (long[] s : progress) {
      if (s[0] >= fromMs && first == null) {
        first = s;
      }
      if (s[0] <= toMs) {
        last = s;
      }
    }
    if (first == null || last == null || last[0] <= first[0]) {
      return 0;
    }
    return (last[1] - first[1]) * 1000.0 / (last[0] - first[0]);
  }

  private void produce() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
    long[] next = {System.nanoTime()};
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      workload.forEach(in -> {
        // wait at a names record only, so that a user's two reminder schedules are never held apart
        while (in.topic().equals("names") && produced.get() >= allowed.get() && !stop.get()) {
          sleep(100);
        }
        produced.incrementAndGet();
        if (rate > 0) { // the rate from here on, also after a hold (no burst to catch up)
          long due = Math.max(next[0], System.nanoTime());
          next[0] = due + 1_000_000_000L / rate;
          long wait = (due - System.nanoTime()) / 1_000_000;
          if (wait > 0) {
            sleep(wait);
          }
        }
        producer.send(new ProducerRecord<>(in.topic(), in.key(), in.value()), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else if (in.topic().equals("names")) {
            namesAcked.incrementAndGet();
          }
        });
      });
      producer.flush();
    }
  }

  private void consume() {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : EGRESS) {
        consumer.partitionsFor(topic).forEach(pi -> partitions.add(new TopicPartition(topic, pi.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!stop.get()) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          ledger.accept(r.topic(), r.key(), r.value());
        }
        for (TopicPartition tp : partitions) {
          consumed.put(tp, consumer.position(tp));
        }
      }
    }
  }

  private Map<TopicPartition, Long> endOffsets() {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : EGRESS) {
        consumer.partitionsFor(topic).forEach(pi -> partitions.add(new TopicPartition(topic, pi.partition())));
      }
      return consumer.endOffsets(partitions); // read_committed: the last stable offsets
    }
  }

  private static Properties consumerProperties() {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return c;
  }

  private void release(double share) {
    allowed.set(share >= 1.0 ? Long.MAX_VALUE : (long) (share * messages));
  }

  private long completedCheckpoints(ClusterControl cluster) {
    try {
      String jobId = Files.readString(cluster.dir().resolve("jobid")).trim();
      String body = http.send(HttpRequest.newBuilder(URI.create(REST + "/jobs/" + jobId + "/checkpoints")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("\"completed\":(\\d+)").matcher(body);
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitOrFail(String what, Duration limit, java.util.function.BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + limit.toMillis();
    while (!condition.getAsBoolean()) {
      if (failure.get() != null) {
        throw new AssertionError("while waiting for " + what, failure.get());
      }
      if (!ledger.violations().isEmpty()) {
        throw new AssertionError("while waiting for " + what + ": " + ledger.violations());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(what + ": not after " + limit + "; " + ledger.summary() + "; missing e.g. "
            + ledger.missing());
      }
      sleep(250);
    }
  }

  /** Committed greetings per second from the moment 20 % of them were there until 80 % were. */
  private double steadyRate(long total) {
    long[] from = null;
    long[] to = null;
    for (long[] p : progress) {
      if (from == null && p[1] >= total / 5) {
        from = p;
      }
      if (to == null && p[1] >= total * 4 / 5) {
        to = p;
      }
    }
    return from == null || to == null || to[0] <= from[0] ? 0 : (to[1] - from[1]) * 1000.0 / (to[0] - from[0]);
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private long now() {
    return System.currentTimeMillis() - t0;
  }

  private Thread daemon(String name, Runnable body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }
}
