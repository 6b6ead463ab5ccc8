package dev.statefun.jakarta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.e2e.driver.RemoteEndpoint;
import dev.statefun.jakarta.e2e.driver.StatefunRuntime;
import dev.statefun.jakarta.e2e.driver.StatefunRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When the runtime cannot reach the endpoint, the driver fails fast and says why; it never hangs. */
class RuntimeFailureIT {

  @Test
  @Timeout(180)
  void unreachableEndpointFailsTheWaitWithTheCause() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (StatefunRuntime runtime = StatefunRuntime.builder()
        .name("unreachable")
        .remoteEndpoint(new RemoteEndpoint("e2e.none/*", URI.create("http://127.0.0.1:" + closedPort + "/statefun"),
            Duration.ofSeconds(3)))
        .egress("e2e.none/out")
        .start()) {
      runtime.sendString("e2e.none/f", "x", "hello");
      StatefunRuntimeException e =
          assertThrows(StatefunRuntimeException.class, () -> runtime.awaitEgress(1, Duration.ofSeconds(150)));
      assertTrue(e.getMessage().contains("The StateFun job failed"), e.getMessage());
      assertTrue(e.getMessage().contains("flink.log"), "the message ends with the log: " + e.getMessage());
      runtime.stop();
      assertEquals(1, runtime.exitCode().orElseThrow(), "the runner reports the failed job in its exit code");
    }
  }
}
