package dev.statefun.jakarta.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Peak RSS (the kernel's VmHWM) and CPU time (utime + stime) of every process the launcher started, per role,
 * across restarts: a killed process's last sample counts, its successor adds to it.
 */
final class ProcessMonitor {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final Map<String, Long> peakKb = new TreeMap<>();
  private final Map<Long, Long> ticksByPid = new HashMap<>();
  private final Map<Long, String> roleByPid = new HashMap<>();

  synchronized void sample(Map<String, Long> pids) {
    pids.forEach((role, pid) -> {
      roleByPid.put(pid, role);
      try {
        for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
          if (line.startsWith("VmHWM:")) {
            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            peakKb.merge(role, kb, Math::max);
          }
        }
        String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticksByPid.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime, stime (fields 14, 15)
      } catch (IOException | RuntimeException e) {
        // gone between the PID file and /proc: its last sample stands
      }
    });
  }

  synchronized Map<String, Long> peakRssMb() {
    Map<String, Long> mb = new TreeMap<>();
    peakKb.forEach((role, kb) -> mb.put(role, kb / 1024));
    return mb;
  }

  /** CPU seconds used by the roles whose name starts with the prefix (all their incarnations). */
  synchronized double cpuSeconds(String rolePrefix) {
    long ticks = 0;
    for (var e : ticksByPid.entrySet()) {
      if (roleByPid.get(e.getKey()).startsWith(rolePrefix)) {
        ticks += e.getValue();
      }
    }
    return ticks / TICKS_PER_SECOND;
  }
}
