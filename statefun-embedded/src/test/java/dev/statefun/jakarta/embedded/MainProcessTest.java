package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.jaxrs.Http;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code EmbeddedServer.main} as a separate JVM: configured by environment variables, one INFO
 * line saying where it listens and what it serves, answering, and stopping on SIGTERM. Prints the
 * time from launching the JVM to the first answer (a figure, not an assertion).
 */
class MainProcessTest {
  private static final Pattern LISTENING =
      Pattern.compile("StateFun endpoint listening on (http://\\S+), serving (\\d+) functions?: (.*) \\(started in");

  @Test
  @Timeout(120)
  void runsUntilSigterm() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, EmbeddedServer.class.getName())
        .redirectErrorStream(true);
    builder.environment().put("STATEFUN_PORT", "0");
    builder.environment().put("STATEFUN_PATH", "/fns");
    builder.environment().put("STATEFUN_MAX_BATCH_SIZE", "2");

    long launched = System.nanoTime();
    Process process = builder.start();
    List<String> output = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread pump = new Thread(() -> {
      try {
        for (String line; (line = reader.readLine()) != null; ) {
          synchronized (output) {
            output.add(line);
            output.notifyAll();
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    pump.start();
    try {
      URI uri = URI.create(awaitListening(output, process));
      assertEquals("/fns", uri.getPath());
      HttpResponse<byte[]> first = Http.post(uri, Requests.to("test.fns/counter", "main").state("count", Types.INT, 0)
          .invoke("x").bytes());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
      System.out.println("[startup] JVM launch to first answer from EmbeddedServer.main: " + millis + " ms");
      assertEquals(200, first.statusCode());
      assertEquals(List.of("main:main:x:1"), Requests.sentTo(Requests.decode(first.body())));

      // Settings from the environment reach the endpoint.
      HttpResponse<byte[]> tooMany = Http.post(uri, Requests.to("test.fns/counter", "main").state("count", Types.INT, 0)
          .invoke("a").invoke("b").invoke("c").bytes());
      assertEquals(413, tooMany.statusCode());

      // SIGTERM. Not process.destroy(), which also closes our end of its output pipe.
      assertTrue(process.toHandle().destroy());
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
      pump.join(5000);
      assertEquals(143, process.exitValue()); // 128 + SIGTERM: the JVM ran its shutdown hooks and exited
      synchronized (output) {
        long listeningLines = output.stream().filter(l -> l.contains("StateFun endpoint listening on")).count();
        assertEquals(1, listeningLines, String.join("\n", output));
        long infoLines = output.stream().filter(l -> l.startsWith("INFO:")).count();
        assertEquals(1, infoLines, "exactly one INFO line:\n" + String.join("\n", output));
        assertTrue(output.stream().anyMatch(l -> l.equals("StateFun endpoint at " + uri + " stopped")),
            "the shutdown hook did not finish:\n" + String.join("\n", output));
      }
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  @Timeout(120)
  void withoutStatefunCdiItFailsSayingWhatToAdd() throws Exception {
    String output = runToFailure(entry -> !entry.contains("statefun-cdi") && !entry.endsWith("test-classes"));
    assertTrue(output.contains("No RequestReplyHandler bean to serve: add dev.statefun.jakarta:statefun-cdi"), output);
  }

  @Test
  @Timeout(120)
  void withoutFunctionsItFailsSayingWhy() throws Exception {
    String output = runToFailure(entry -> !entry.endsWith("test-classes"));
    assertTrue(output.contains("No @StatefulFunction beans were found"), output);
    assertTrue(output.contains("META-INF/beans.xml"), output);
  }

  /** Runs main on part of the test classpath; it must exit 1 on its own. */
  private static String runToFailure(java.util.function.Predicate<String> keep) throws Exception {
    String classpath = java.util.Arrays.stream(
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(File.pathSeparator))
        .filter(keep).collect(java.util.stream.Collectors.joining(File.pathSeparator));
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process = new ProcessBuilder(java, "-cp", classpath, EmbeddedServer.class.getName())
        .redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(1, process.exitValue(), output);
    assertTrue(output.contains("The StateFun embedded server did not start: "), output);
    return output;
  }

  private static String awaitListening(List<String> output, Process process) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    synchronized (output) {
      while (System.nanoTime() < deadline) {
        for (String line : output) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            assertEquals("5", m.group(2), line);
            return m.group(1);
          }
        }
        if (!process.isAlive()) {
          throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + String.join("\n", output));
        }
        output.wait(100);
      }
      throw new AssertionError("the server did not start within 60 s:\n" + String.join("\n", output));
    }
  }
}
