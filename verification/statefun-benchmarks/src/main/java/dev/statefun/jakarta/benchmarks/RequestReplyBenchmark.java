package dev.statefun.jakarta.benchmarks;

import dev.statefun.jakarta.handler.BatchObservation;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.opentelemetry.StatefunTelemetry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.apache.flink.statefun.sdk.java.slice.Slice;
import org.apache.flink.statefun.sdk.java.slice.Slices;

/**
 * One request in, one reply out, for three implementations of the same greeter on the same request
 * bytes: this project's handler, the official Java SDK's handler, and a hand-written protobuf codec.
 * One op is one request (a batch of {@code batchSize} invocations). The defaults here are the ones the
 * README's command spells out: 3 forks so that JIT luck in one JVM cannot decide a comparison, a fixed
 * heap so GC sizing does not differ between forks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class RequestReplyBenchmark {

  @Param({"1", "100"})
  public int batchSize;

  private byte[] request;
  private RequestReplyHandler ours;
  private RequestReplyHandler oursObserved;
  private RequestReplyHandler oursTelemetry;
  private TelemetrySdk telemetry;
  // Where the observer of oursObserved puts what it sees, so the JIT cannot drop the observation.
  private volatile BatchObservation lastObservation;
  private org.apache.flink.statefun.sdk.java.handler.RequestReplyHandler official;
  private BaselineGreeter baseline;

  @Setup
  public void setup() {
    prepare();
    // Refuse to measure if the contenders would not be doing the same work.
    byte[] reference = baseline();
    Replies.requireSame("baseline", reference, "ours", ours());
    Replies.requireSame("baseline", reference, "oursObserved", oursObserved());
    Replies.requireSame("baseline", reference, "oursTelemetry", oursTelemetry());
    Replies.requireSame("baseline", reference, "official", official().toByteArray());
  }

  /** Builds the request and the three handlers; the test calls this to compare replies itself. */
  void prepare() {
    request = GreetRequests.batch(batchSize);
    ours = OursGreeter.handler();
    oursObserved = OursGreeter.handler(List.of(observation -> lastObservation = observation));
    telemetry = new TelemetrySdk();
    oursTelemetry = OursGreeter.handler(List.of(StatefunTelemetry.of(telemetry)));
    official = OfficialGreeter.handler();
    baseline = new BaselineGreeter();
  }

  @Benchmark
  public byte[] ours() {
    return ours.handle(request).toCompletableFuture().join();
  }

  /** {@link #ours()} with one handler observer that keeps the last observation: the hook's own cost. */
  @Benchmark
  public byte[] oursObserved() {
    return oursObserved.handle(request).toCompletableFuture().join();
  }

  /** {@link #ours()} with statefun-opentelemetry on an SDK that records every metric and span. */
  @Benchmark
  public byte[] oursTelemetry() {
    return oursTelemetry.handle(request).toCompletableFuture().join();
  }

  @TearDown
  public void closeTelemetry() {
    telemetry.close();
  }

  /**
   * Returns the SDK's reply {@link Slice} as is: it already holds the encoded bytes, and a server
   * built on the SDK writes it out without copying it to a {@code byte[]} first, so copying here
   * would charge the official SDK for work it does not do.
   */
  @Benchmark
  public Slice official() {
    return official.handle(Slices.wrap(request)).join();
  }

  @Benchmark
  public byte[] baseline() {
    return baseline.handle(request);
  }
}
