package dev.statefun.jakarta.cluster;

/**
 * One injected fault: when it started, how long until committed output flowed again at half the rate it had
 * before (the fault's deliberate pause included), and how many job restarts it caused.
 */
record FaultRecord(String name, double atSecond, double recoverySeconds, long restarts) {
  String line() {
    return String.format("  %-40s at %6.1f s   recovered after %5.1f s   job restarts %d", name, atSecond, recoverySeconds,
        restarts);
  }
}
