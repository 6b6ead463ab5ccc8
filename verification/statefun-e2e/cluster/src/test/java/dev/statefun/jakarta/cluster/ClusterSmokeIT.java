package dev.statefun.jakarta.cluster;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The cluster smoke test: one {@link ClusterRun} per replica count in {@code cluster.replicas} (e.g. {@code 2},
 * or {@code 1,2,3} for the scaling runs), one after another, each on a fresh cluster.
 */
class ClusterSmokeIT {

  @TestFactory
  Stream<DynamicTest> exactlyOnceThroughFaults() {
    String label = System.getProperty("cluster.label", "run");
    return Arrays.stream(System.getProperty("cluster.replicas", "2").split(","))
        .map(String::trim)
        .map(Integer::parseInt)
        .map(replicas -> DynamicTest.dynamicTest(replicas + " replicas",
            () -> new ClusterRun(replicas, label + "-r" + replicas).execute()));
  }
}
