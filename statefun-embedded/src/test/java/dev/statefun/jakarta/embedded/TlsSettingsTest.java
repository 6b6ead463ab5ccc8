package dev.statefun.jakarta.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.embedded.testpki.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TLS settings: how they are read, and the errors bad ones give at startup. */
class TlsSettingsTest {
  static TestPki pki;

  @BeforeAll
  static void certificates() {
    pki = TestPki.shared();
  }

  @Test
  void noTlsSettingMeansPlainHttp() {
    EmbeddedServerConfig config = EnvironmentSettings.of(Map.of(), Map.of()).server();
    assertEquals(Optional.empty(), config.tls());
    assertEquals(Optional.empty(), EmbeddedServerConfig.defaults().tls());
  }

  @Test
  void settingsFromSystemPropertiesOrEnvironment() {
    Map<String, String> properties = Map.of(TlsConfig.KEYSTORE, "/etc/statefun/server.p12 ",
        TlsConfig.TRUSTSTORE, "/etc/statefun/client-ca.pem");
    Map<String, String> environment = Map.of("STATEFUN_TLS_KEYSTORE_PASSWORD", " secret with spaces",
        "STATEFUN_TLS_KEYSTORE", "/ignored/the/property/wins.p12");
    TlsConfig tls = EnvironmentSettings.of(properties, environment).server().tls().orElseThrow();

    assertEquals(Path.of("/etc/statefun/server.p12"), tls.keyStore());
    assertEquals(" secret with spaces", tls.keyStorePassword(), "passwords are taken as they are");
    assertEquals(Optional.of(Path.of("/etc/statefun/client-ca.pem")), tls.trustStore());
    assertEquals(Optional.empty(), tls.trustStorePassword());
    assertTrue(tls.clientAuthRequired());

    TlsConfig fromEnvironment = EnvironmentSettings.of(Map.of(), Map.of(
        "STATEFUN_TLS_KEYSTORE", "server.p12", "STATEFUN_TLS_KEYSTORE_PASSWORD", "pw",
        "STATEFUN_TLS_TRUSTSTORE", "ca.p12", "STATEFUN_TLS_TRUSTSTORE_PASSWORD", "pw2")).server().tls()
        .orElseThrow();
    assertEquals(new TlsConfig(Path.of("server.p12"), "pw", Optional.of(Path.of("ca.p12")), Optional.of("pw2")),
        fromEnvironment);
    assertFalse(fromEnvironment.toString().contains("pw"), fromEnvironment.toString());
    assertFalse(EmbeddedServerConfig.defaults().withTls(fromEnvironment).toString().contains("pw2"));
  }

  @Test
  void aKeyStoreWithoutClientCasAsksNoClientCertificate() {
    TlsConfig tls = EnvironmentSettings.of(Map.of(TlsConfig.KEYSTORE, "server.p12", TlsConfig.KEYSTORE_PASSWORD, "pw"),
        Map.of()).server().tls().orElseThrow();
    assertFalse(tls.clientAuthRequired());
    assertEquals("pw", tls.keyStorePassword());
  }

  @Test
  void incompleteSettingsAreRejectedWithWhatIsMissing() {
    assertConfigError(Map.of(TlsConfig.TRUSTSTORE, "ca.pem"), TlsConfig.TRUSTSTORE + " is set but "
        + TlsConfig.KEYSTORE + " is not");
    assertConfigError(Map.of(TlsConfig.KEYSTORE, "server.p12"), TlsConfig.KEYSTORE_PASSWORD + " is not");
    assertConfigError(Map.of(TlsConfig.KEYSTORE_PASSWORD, "pw"), "A TLS password is set but " + TlsConfig.KEYSTORE
        + " is not");
    assertConfigError(Map.of(TlsConfig.KEYSTORE, "server.p12", TlsConfig.KEYSTORE_PASSWORD, "pw",
        TlsConfig.TRUSTSTORE_PASSWORD, "pw"), TlsConfig.TRUSTSTORE_PASSWORD + " is set but " + TlsConfig.TRUSTSTORE);
    // An empty password variable in a deployment template does not matter without a key store.
    assertEquals(Optional.empty(), EnvironmentSettings.of(Map.of(),
        Map.of("STATEFUN_TLS_KEYSTORE_PASSWORD", "")).server().tls());
  }

  @Test
  void aMissingKeyStore() {
    Path missing = pki.directory().resolve("nowhere.p12");
    assertStartError(TlsConfig.keyStore(missing, pki.password()),
        TlsConfig.KEYSTORE + ": " + missing + " does not exist");
  }

  @Test
  void aKeyStoreThatIsADirectory() {
    assertStartError(TlsConfig.keyStore(pki.directory(), pki.password()),
        TlsConfig.KEYSTORE + ": " + pki.directory() + " is not a file");
  }

  @Test
  void aWrongKeyStorePassword() {
    assertStartError(TlsConfig.keyStore(pki.serverKeyStore(), "not-" + pki.password()),
        TlsConfig.KEYSTORE_PASSWORD + " is not the password of " + pki.serverKeyStore());
  }

  @Test
  void aKeyStoreThatIsNoKeyStore() {
    // A PEM certificate where the PKCS12 file belongs.
    assertStartError(TlsConfig.keyStore(pki.caCertificate(), pki.password()),
        TlsConfig.KEYSTORE + ": " + pki.caCertificate() + " is not a PKCS12 or JKS key store");
  }

  @Test
  void aKeyStoreWithoutAPrivateKey() {
    assertStartError(TlsConfig.keyStore(pki.caTrustStore(), pki.password()),
        TlsConfig.KEYSTORE + ": " + pki.caTrustStore() + " holds no private key");
  }

  @Test
  void aMissingTrustStore() {
    Path missing = pki.directory().resolve("no-ca.pem");
    assertStartError(TlsConfig.keyStore(pki.serverKeyStore(), pki.password()).withTrustStore(missing, null),
        TlsConfig.TRUSTSTORE + ": " + missing + " does not exist");
  }

  @Test
  void aWrongTrustStorePassword() {
    assertStartError(TlsConfig.keyStore(pki.serverKeyStore(), pki.password())
            .withTrustStore(pki.caTrustStore(), "not-" + pki.password()),
        TlsConfig.TRUSTSTORE_PASSWORD + " is not the password of " + pki.caTrustStore());
  }

  @Test
  void aTrustStoreWhoseCertificatesNeedThePassword() {
    // The JDK encrypts the certificates of a PKCS12 store it writes: without the password none is readable.
    assertStartError(TlsConfig.keyStore(pki.serverKeyStore(), pki.password()).withTrustStore(pki.caTrustStore(), null),
        TlsConfig.TRUSTSTORE + ": " + pki.caTrustStore() + " holds no trusted certificate that can be read without a"
            + " password (set " + TlsConfig.TRUSTSTORE_PASSWORD + ")");
  }

  @Test
  void aTrustStoreThatIsNeitherAStoreNorCertificates() throws IOException {
    Path text = pki.directory().resolve("not-a-ca.txt");
    Files.writeString(text, "hello", StandardCharsets.US_ASCII);
    assertStartError(TlsConfig.keyStore(pki.serverKeyStore(), pki.password()).withTrustStore(text, null),
        TlsConfig.TRUSTSTORE + ": " + text + " is neither a PKCS12/JKS key store nor a PEM file of certificates");
  }

  @Test
  void theCommandLineServerExitsWithTheReason() throws Exception {
    Path missing = pki.directory().resolve("missing.p12");
    Result bySystemProperty = runMain(List.of("-D" + TlsConfig.KEYSTORE + "=" + missing,
        "-D" + TlsConfig.KEYSTORE_PASSWORD + "=x", "-Dstatefun.port=0"), Map.of());
    assertEquals(1, bySystemProperty.exitCode(), bySystemProperty.output());
    assertTrue(bySystemProperty.output().contains("The StateFun embedded server did not start: "
        + TlsConfig.KEYSTORE + ": " + missing + " does not exist"), bySystemProperty.output());

    Result byEnvironment = runMain(List.of("-Dstatefun.port=0"), Map.of(
        "STATEFUN_TLS_KEYSTORE", pki.serverKeyStore().toString(), "STATEFUN_TLS_KEYSTORE_PASSWORD", "wrong"));
    assertEquals(1, byEnvironment.exitCode(), byEnvironment.output());
    assertTrue(byEnvironment.output().contains("The StateFun embedded server did not start: "
        + TlsConfig.KEYSTORE_PASSWORD + " is not the password of " + pki.serverKeyStore()), byEnvironment.output());
    assertFalse(byEnvironment.output().contains("wrong"), "the password stays out of the message");
  }

  record Result(int exitCode, String output) {}

  /** The server's main in a JVM of its own, with this test's classpath. */
  static Result runMain(List<String> jvmOptions, Map<String, String> environment) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(EmbeddedServer.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = new HashMap<>(builder.environment());
    env.keySet().removeIf(name -> name.startsWith("STATEFUN_"));
    env.putAll(environment);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the server did not exit: " + output);
    }
    return new Result(process.exitValue(), output);
  }

  static void assertConfigError(Map<String, String> properties, String expected) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> EnvironmentSettings.of(properties, Map.of()).server());
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }

  /** Fails before CDI starts or a port is bound, naming the setting and the file. */
  static void assertStartError(TlsConfig tls, String expected) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> EmbeddedServer.start(EmbeddedServerConfig.defaults().withPort(0).withTls(tls)).close());
    assertTrue(error.getMessage().contains(expected), error.getMessage());
    assertFalse(error.getMessage().contains(pki.password()), "the password stays out of the message");
  }
}
