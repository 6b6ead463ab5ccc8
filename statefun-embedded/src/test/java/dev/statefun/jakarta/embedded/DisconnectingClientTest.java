package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.embedded.fns.GateFunction;
import dev.statefun.jakarta.testkit.LogRecords;
import dev.statefun.jakarta.testkit.Requests;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that goes away before its reply is written is no incident: the server notes it in one
 * debug line, never a warning with a stack trace.
 */
class DisconnectingClientTest {

  @Test
  @Timeout(60)
  void aClientThatDisconnectsBeforeItsReplyIsOneDebugLine() throws Exception {
    GateFunction.reset(1000);
    Logger ours = Logger.getLogger("dev.statefun.jakarta");
    Level ourLevel = ours.getLevel();
    EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0)
        .withShutdownTimeout(Duration.ofSeconds(30)));
    LogRecords logs = LogRecords.capture("");
    ours.setLevel(Level.FINE);
    try {
      byte[] request = Requests.to("test.fns/gate", "leaver").invoke("x").bytes();
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /statefun HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Length: " + request.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(request);
        out.flush();
        GateFunction.awaitWaiting(1);
        socket.setSoLinger(true, 0); // a reset: the reply's write fails at once
      }
      GateFunction.openAll();
      server.close(); // waits until the reply has been written, or has failed to be
    } finally {
      GateFunction.openAll();
      ours.setLevel(ourLevel);
      logs.close();
      server.close();
    }
    List<LogRecord> records = logs.records();
    List<LogRecord> loud = records.stream().filter(r -> r.getLevel().intValue() > Level.INFO.intValue()).toList();
    assertTrue(loud.isEmpty(), () -> "expected no warning, got: " + LogRecords.describe(loud));
    List<LogRecord> disconnects = records.stream()
        .filter(r -> r.getLevel() == Level.FINE && r.getMessage() != null && r.getMessage().contains("disconnected"))
        .toList();
    assertEquals(1, disconnects.size(), () -> LogRecords.describe(records));
    assertEquals(null, disconnects.get(0).getThrown(), "no stack trace");
  }
}
