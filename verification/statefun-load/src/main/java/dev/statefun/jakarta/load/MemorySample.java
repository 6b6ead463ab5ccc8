package dev.statefun.jakarta.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The server JVM's memory at one moment: heap used right after a full GC (what the server holds on
 * to), heap committed, and the process's resident set (current and peak) from /proc.
 */
public record MemorySample(String label, long heapAfterGcBytes, long heapCommittedBytes, long rssKb, long peakRssKb) {

  /** Collects garbage in this JVM, then measures it. */
  public static MemorySample ofThisJvm(String label) {
    System.gc();
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new MemorySample(label, heap.getUsed(), heap.getCommitted(), procStatus("VmRSS:"), procStatus("VmHWM:"));
  }

  /** One line, as the forked server prints it: {@code sample <heapAfterGc> <committed> <rssKb> <peakRssKb>}. */
  String toLine() {
    return "sample " + heapAfterGcBytes + " " + heapCommittedBytes + " " + rssKb + " " + peakRssKb;
  }

  static MemorySample fromLine(String label, String line) {
    String[] parts = line.trim().split(" ");
    if (parts.length != 5 || !parts[0].equals("sample")) {
      throw new IllegalStateException("Unexpected answer from the load server: '" + line + "'");
    }
    return new MemorySample(label, Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
        Long.parseLong(parts[4]));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%-14s heap after GC %6.1f MiB, heap committed %6.1f MiB, RSS %6.1f MiB (peak %6.1f MiB)",
        label + ":", heapAfterGcBytes / 1048576.0, heapCommittedBytes / 1048576.0, rssKb / 1024.0, peakRssKb / 1024.0);
  }

  /** A kB figure from /proc/self/status, or -1 where there is none (not Linux). */
  private static long procStatus(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
