package dev.statefun.jakarta.e2e.runner;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the driver asks for, read from a properties file (the runner's only argument):
 * <ul>
 *   <li>{@code messages-file}: the file to follow (required);
 *   <li>{@code module-yaml}: the remote module definition (required unless
 *       {@code flink.statefun.remote.module-name} is given);
 *   <li>{@code egress}: comma-separated egress identifiers ({@code namespace/name}) to report;
 *   <li>{@code poll-millis}: how often to look for new lines (default 20);
 *   <li>{@code max-runtime-seconds}: stop by itself after this long (default 0: never);
 *   <li>{@code flink.KEY}: Flink configuration, passed through (loopback defaults apply unless set);
 *   <li>{@code global.KEY}: StateFun global configuration, passed through.
 * </ul>
 */
record RunnerSettings(
    Path messagesFile,
    List<String> egress,
    long pollMillis,
    long maxRuntimeSeconds,
    Map<String, String> flinkConfiguration,
    Map<String, String> globalConfiguration) {

  /** Flink binds its REST endpoint and blob server to every interface unless told otherwise. */
  static final Map<String, String> LOOPBACK_DEFAULTS = Map.of(
      "rest.bind-address", "127.0.0.1",
      "rest.address", "127.0.0.1",
      "rest.bind-port", "0",
      "jobmanager.bind-host", "127.0.0.1",
      "jobmanager.rpc.address", "127.0.0.1",
      "taskmanager.bind-host", "127.0.0.1",
      "taskmanager.host", "127.0.0.1");

  static final String JOB_LISTENERS = "execution.job-listeners";
  static final String MODULE_NAME = "statefun.remote.module-name";

  static RunnerSettings load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> flink = new TreeMap<>(LOOPBACK_DEFAULTS);
    Map<String, String> global = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("flink.")) {
        flink.put(key.substring("flink.".length()), properties.getProperty(key));
      } else if (key.startsWith("global.")) {
        global.put(key.substring("global.".length()), properties.getProperty(key));
      }
    }
    String yaml = properties.getProperty("module-yaml");
    if (yaml != null) {
      flink.putIfAbsent(MODULE_NAME, Path.of(yaml).toAbsolutePath().toUri().toString());
    } else if (!flink.containsKey(MODULE_NAME)) {
      throw new IllegalArgumentException(file + ": set module-yaml (or flink." + MODULE_NAME + ")");
    }
    String listeners = flink.get(JOB_LISTENERS);
    String ours = JobClientCapture.class.getName();
    flink.put(JOB_LISTENERS, listeners == null || listeners.isBlank() ? ours : listeners + ";" + ours);

    String messages = properties.getProperty("messages-file");
    if (messages == null) {
      throw new IllegalArgumentException(file + ": set messages-file");
    }
    List<String> egress = new ArrayList<>();
    for (String id : properties.getProperty("egress", "").split(",")) {
      String trimmed = id.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.indexOf('/') <= 0 || trimmed.endsWith("/")) {
        throw new IllegalArgumentException(file + ": egress '" + trimmed + "' is not namespace/name");
      }
      egress.add(trimmed);
    }
    return new RunnerSettings(
        Path.of(messages),
        List.copyOf(egress),
        Long.parseLong(properties.getProperty("poll-millis", "20")),
        Long.parseLong(properties.getProperty("max-runtime-seconds", "0")),
        flink,
        global);
  }
}
