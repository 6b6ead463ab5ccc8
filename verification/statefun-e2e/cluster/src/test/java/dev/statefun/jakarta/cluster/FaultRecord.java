package dev.statefun.jakarta.cluster;

/**
 * One injected fault: when it started, how long until every task ran again and new committed output arrived
 * (the fault's own duration included), the longest stall of the committed output meanwhile, and how many job
 * restarts it caused.
 */
record FaultRecord(String name, double atSecond, double recoverySeconds, double longestStallSeconds, long restarts) {
  String line() {
    return String.format("  %-62s at %6.1f s  recovered after %5.1f s  output stalled <= %5.1f s  job restarts %d",
        name, atSecond, recoverySeconds, longestStallSeconds, restarts);
  }
}
