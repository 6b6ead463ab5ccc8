package dev.statefun.jakarta.load;

import dev.statefun.jakarta.embedded.DurationSetting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a load run does, from system properties ({@code load.*}, see README.md).
 *
 * @param clients concurrent clients, each with its own HTTP/1.1 keep-alive connection and addresses
 * @param duration the measured part of the run
 * @param warmup requests before the measured part (checked, but not counted in the figures)
 * @param batchSizes invocations per request, one picked at random per request
 * @param addressesPerClient addresses each client owns (even ones sync, odd ones async functions)
 * @param forkServer whether the server runs in a JVM of its own
 * @param serverJvmOptions options of that JVM
 * @param report where to write the report too, if anywhere
 */
public record LoadSettings(int clients, Duration duration, Duration warmup, int[] batchSizes, int addressesPerClient,
    boolean forkServer, List<String> serverJvmOptions, Optional<Path> report) {

  public LoadSettings {
    if (clients < 1 || addressesPerClient < 1 || batchSizes.length == 0 || duration.isNegative() || duration.isZero()
        || warmup.isNegative()) {
      throw new IllegalArgumentException("Invalid load settings: " + clients + " clients, " + addressesPerClient
          + " addresses each, batches " + Arrays.toString(batchSizes) + ", " + duration + " after " + warmup);
    }
    for (int size : batchSizes) {
      if (size < 1) {
        throw new IllegalArgumentException("load.batches must be positive numbers, not " + Arrays.toString(batchSizes));
      }
    }
  }

  /** From system properties, with the short run's defaults. */
  public static LoadSettings fromSystemProperties() {
    return from(System::getProperty);
  }

  static LoadSettings from(Function<String, String> properties) {
    Function<String, Optional<String>> get = name -> Optional.ofNullable(properties.apply(name))
        .map(String::trim).filter(v -> !v.isEmpty());
    return new LoadSettings(
        get.apply("load.clients").map(Integer::parseInt).orElse(16),
        get.apply("load.duration").map(LoadSettings::duration).orElse(Duration.ofSeconds(5)),
        get.apply("load.warmup").map(LoadSettings::duration).orElse(Duration.ofSeconds(1)),
        Arrays.stream(get.apply("load.batches").orElse("1,10,100").split(",")).map(String::trim)
            .mapToInt(Integer::parseInt).toArray(),
        get.apply("load.addresses").map(Integer::parseInt).orElse(4),
        !get.apply("load.server").orElse("fork").equalsIgnoreCase("inprocess"),
        List.of(get.apply("load.server.jvm").orElse("-Xmx512m").split("\\s+")),
        get.apply("load.report").map(Path::of));
  }

  /** The embedded server's duration grammar: {@code 60s}, {@code 500ms}, {@code 2m}, or ISO-8601 ({@code PT1M}). */
  static Duration duration(String text) {
    return new DurationSetting().convert(text);
  }

  @Override
  public String toString() {
    return clients + " clients, " + duration.toSeconds() + " s measured after " + warmup.toMillis() / 1000.0
        + " s warm-up, batch sizes " + Arrays.toString(batchSizes) + " (one at random per request), "
        + addressesPerClient + " addresses per client (sync and async functions)";
  }
}
