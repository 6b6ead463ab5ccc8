package dev.statefun.jakarta.jaxrs.embedded;

import java.lang.System.Logger.Level;

/**
 * The JDK HTTP server's own limits are JVM-wide system properties, read once when the JVM's first
 * server is created. Unless the user set it, we derive {@code sun.net.httpserver.maxReqTime}
 * (seconds) from the request timeout: the JDK then closes a connection whose request line, headers
 * or body take longer, including while it discards (up to {@code sun.net.httpserver.drainAmount},
 * 64 KiB) a body we answered without reading. Our own per-request deadline covers the body that
 * the endpoint reads even where this property came too late to take effect.
 *
 * <p>Also unless the user set it, {@code sun.net.httpserver.nodelay} is turned on: the JDK server
 * writes a response's headers and body separately, and without TCP_NODELAY the body then waits for
 * the client's delayed ACK, about 40 ms per request on Linux.
 */
final class JdkHttpServerSettings {
  private static final System.Logger LOG = System.getLogger(EmbeddedServer.class.getName());
  static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private JdkHttpServerSettings() {}

  static synchronized void apply(EmbeddedServerConfig config) {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    String seconds = Long.toString(Math.max(1, (config.requestTimeout().toMillis() + 999) / 1000));
    String set = System.getProperty(MAX_REQ_TIME);
    if (set == null) {
      System.setProperty(MAX_REQ_TIME, seconds);
    } else if (!set.equals(seconds)) {
      LOG.log(Level.DEBUG, () -> MAX_REQ_TIME + " is " + set + " s for this JVM; the request timeout of "
          + config.requestTimeout() + " still applies to request bodies");
    }
  }
}
