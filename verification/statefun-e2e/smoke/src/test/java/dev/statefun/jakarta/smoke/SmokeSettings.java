package dev.statefun.jakarta.smoke;

import java.time.Duration;
import java.util.function.Function;

/**
 * The run's size and fault rates, from system properties ({@code -Dsmoke.messages=100000} on the
 * Maven command line reaches the test JVM). Defaults: the small run of every build.
 *
 * @param messages at least this many messages reach the function (ingress and function-to-function,
 *     cancelled ones not counted)
 * @param instances function instances (ids)
 * @param seed seeds the command trees and the fault schedule
 * @param segments the feed is written in this many segments, each closed by a verify round
 * @param parallelism Flink parallelism of the runtime
 * @param pre5xxRate share of calls answered 500 before the handler runs
 * @param lostReplyRate share of calls whose handler ran but whose reply is replaced by a 500
 * @param slowRate share of calls delayed before the handler runs
 * @param slowMax the longest such delay
 * @param cancelLaterDelay delay of the messages cancelled by a later invocation; the final check waits this long
 * @param restart whether to force one job failure and restart mid-run
 * @param checkpointInterval Flink checkpoint interval
 * @param callTimeout the runtime's call timeout (it retries a failing call until then)
 * @param runnerHeap heap of the runtime's JVM
 * @param deadline the whole run must finish within this
 */
record SmokeSettings(
    int messages, int instances, long seed, int segments, int parallelism,
    double pre5xxRate, double lostReplyRate, double slowRate, Duration slowMax,
    Duration cancelLaterDelay, boolean restart, Duration checkpointInterval, Duration callTimeout,
    String runnerHeap, Duration deadline) {

  SmokeSettings {
    if (messages < 1 || instances < 1 || segments < 2 || parallelism < 1) {
      throw new IllegalArgumentException("messages, instances and parallelism must be positive, segments at least 2");
    }
    if (pre5xxRate < 0 || lostReplyRate < 0 || slowRate < 0 || pre5xxRate + lostReplyRate + slowRate > 0.5) {
      throw new IllegalArgumentException("fault rates must be between 0 and 0.5 in total");
    }
  }

  static SmokeSettings fromSystemProperties() {
    return from(System::getProperty);
  }

  static SmokeSettings from(Function<String, String> properties) {
    Function<String, String> p = name -> {
      String value = properties.apply("smoke." + name);
      return value == null || value.isBlank() ? null : value.trim();
    };
    int messages = integer(p, "messages", 3_000);
    return new SmokeSettings(
        messages,
        integer(p, "instances", 128),
        Long.parseLong(or(p, "seed", "20240517")),
        integer(p, "segments", 10),
        integer(p, "parallelism", 2),
        Double.parseDouble(or(p, "pre5xx-rate", "0.02")),
        Double.parseDouble(or(p, "lost-reply-rate", "0.01")),
        Double.parseDouble(or(p, "slow-rate", "0.02")),
        Duration.ofMillis(integer(p, "slow-max-ms", 400)),
        Duration.ofMillis(integer(p, "cancel-later-delay-ms", 30_000)),
        Boolean.parseBoolean(or(p, "restart", "true")),
        Duration.ofMillis(integer(p, "checkpoint-interval-ms", 2_000)),
        Duration.ofSeconds(integer(p, "call-timeout-s", 60)),
        or(p, "runner-heap", messages > 20_000 ? "512m" : "320m"),
        Duration.ofMinutes(integer(p, "deadline-minutes", messages > 20_000 ? 25 : 8)));
  }

  private static String or(Function<String, String> p, String name, String fallback) {
    String value = p.apply(name);
    return value == null ? fallback : value;
  }

  private static int integer(Function<String, String> p, String name, int fallback) {
    String value = p.apply(name);
    try {
      return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("smoke." + name + " must be a whole number, not '" + value + "'", e);
    }
  }
}
