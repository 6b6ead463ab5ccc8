package dev.statefun.jakarta.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payara Server unpacked by the {@code e2e-payara} profile, driven with {@code asadmin}. Before
 * the first start its domain.xml is made loopback-only, as war-example's Payara Server profile
 * does: every listener on 127.0.0.1 (the stock HTTP and admin listeners have no address, IIOP and
 * JMX listen on 0.0.0.0), a disabled JMS service that is not started lazily either, no Hazelcast, no
 * phone-home; and the ports become this test's.
 */
final class PayaraServer implements AutoCloseable {
  /** The master password of the stock domain, which protects its key store and trust store. */
  static final String MASTER_PASSWORD = "changeit";

  private final Path home;
  private final int httpPort;
  private final int httpsPort;
  private final int adminPort;
  private boolean started;

  PayaraServer(Path home, int httpPort, int httpsPort, int adminPort) {
    this.home = home;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.adminPort = adminPort;
  }

  static PayaraServer fromSystemProperties() {
    Path home = ServerTool.home("Payara Server", "e2e.payara.home", "e2e-payara");
    return new PayaraServer(home, Integer.getInteger("e2e.payara.http.port", 28080),
        Integer.getInteger("e2e.payara.https.port", 28181), Integer.getInteger("e2e.payara.admin.port", 24848));
  }

  int httpsPort() {
    return httpsPort;
  }

  /** The domain's directory ({@code $DOMAIN} in the docs). */
  Path domain() {
    return home.resolve("glassfish/domains/domain1");
  }

  /** Loopback only, and this test's ports; call before the first start. */
  void prepareDomain() throws IOException {
    Path file = domain().resolve("config/domain.xml");
    String xml = Files.readString(file)
        .replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"")
        .replace("<network-listener port=", "<network-listener address=\"127.0.0.1\" port=")
        .replace("port=\"8080\"", "port=\"" + httpPort + "\"")
        .replace("port=\"8181\"", "port=\"" + httpsPort + "\"")
        .replace("port=\"4848\"", "port=\"" + adminPort + "\"")
        .replace("<hazelcast-config-specific-configuration>",
            "<hazelcast-config-specific-configuration enabled=\"false\">")
        .replace("</hazelcast-runtime-configuration>", "</hazelcast-runtime-configuration>"
            + "<phone-home-runtime-configuration enabled=\"false\"></phone-home-runtime-configuration>");
    // The first admin-service is server-config's.
    xml = xml.replaceFirst("</admin-service>", "</admin-service><jms-service type=\"DISABLED\" "
        + "default-jms-host=\"default_JMS_host\"><jms-host name=\"default_JMS_host\" host=\"127.0.0.1\" "
        + "lazy-init=\"false\"/></jms-service>");
    Files.writeString(file, xml);
  }

  /** Runs {@code asadmin} against this domain's admin port. */
  void asadmin(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/asadmin").toString(),
        "--host", "127.0.0.1", "--port", Integer.toString(adminPort)));
    command.addAll(List.of(arguments));
    run(command, "asadmin " + String.join(" ", arguments));
    if (arguments[0].equals("start-domain")) {
      started = true;
    }
  }

  /** Runs the JDK's {@code keytool}. */
  void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString()));
    command.addAll(List.of(arguments));
    run(command, "keytool " + arguments[0]);
  }

  Path logs() {
    return domain().resolve("logs");
  }

  private void run(List<String> command, String what) throws IOException, InterruptedException {
    // asadmin start-domain gives up after 60 s, which a loaded machine exceeds.
    ServerTool.run(command, Map.of("AS_JAVA", System.getProperty("java.home"), "AS_START_TIMEOUT", "300000"),
        home.resolve("commands.log"), Duration.ofMinutes(6), what, logs());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (started) {
      asadmin("stop-domain", "domain1");
    }
  }
}
