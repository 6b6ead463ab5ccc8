package dev.statefun.jakarta.embedded.testpki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made when the tests run, never committed: a CA, a server certificate for
 * 127.0.0.1, a client certificate the CA signed, and an "untrusted" client certificate from
 * another CA that has the same name as the real one (so only the signature tells them apart).
 * Made with the JDK's own keytool (key pairs, requests, signing); the PEM exports are done here.
 * All keys are EC P-256 (quick to make); certificates are valid from an hour ago for two days.
 *
 * @param directory where everything is
 * @param password the password of every key store and of the encrypted key
 * @param caCertificate the CA certificate, PEM: the server's trust store of client CAs, and the
 *     runtime's {@code trust_cacerts}
 * @param caTrustStore the same CA certificate as a PKCS12 trust store (password {@link #password})
 * @param serverKeyStore PKCS12: the server key and its chain (server certificate, CA), CN and
 *     SAN IP 127.0.0.1
 * @param clientKeyStore PKCS12: the trusted client's key and chain
 * @param clientCertificate the trusted client's chain, PEM: the runtime's {@code client_cert}
 * @param clientKey the trusted client's private key, unencrypted PKCS#8 PEM: the runtime's
 *     {@code client_key}
 * @param clientEncryptedKey the same key, encrypted PKCS#8 PEM ({@code PBEWithSHA1AndDESede}, a
 *     scheme the JDK decrypts by itself)
 * @param clientKeyPasswordFile the password of {@link #clientEncryptedKey}, without a line end:
 *     the runtime's {@code client_key_password} is such a file
 * @param untrustedClientKeyStore PKCS12: a client key and chain from the look-alike CA
 */
public record TestPki(Path directory, String password, Path caCertificate, Path caTrustStore, Path serverKeyStore,
    Path clientKeyStore, Path clientCertificate, Path clientKey, Path clientEncryptedKey, Path clientKeyPasswordFile,
    Path untrustedClientKeyStore) {

  private static final String CA_NAME = "CN=StateFun Test CA,O=statefun-jakarta tests";
  /** Written last: the set in its directory is complete. */
  private static final String COMPLETE = "complete";
  /** How long {@link #shared()} reuses a set, e.g. across the test JVMs of one build. */
  private static final Duration REUSE_FOR = Duration.ofHours(1);
  private static TestPki shared;

  /**
   * The set in {@code target/test-pki} of the module under test: made by the first test class that
   * asks, and reused by the others (each may run in its own JVM) for up to an hour.
   */
  public static synchronized TestPki shared() {
    if (shared == null) {
      Path directory = Path.of("target", "test-pki").toAbsolutePath();
      shared = reusable(directory).orElseGet(() -> generate(directory));
    }
    return shared;
  }

  /** Makes a fresh set in {@code directory}, replacing whatever was there. */
  public static TestPki generate(Path directory) {
    TestPki pki = in(directory, "test-" + Long.toHexString(new SecureRandom().nextLong()));
    String password = pki.password;
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      deleteRecursively(directory);
      Files.createDirectories(directory);
      Path ca = directory.resolve("ca.p12");
      Path rogueCa = directory.resolve("rogue-ca.p12");
      CompletableFuture<Void> cas = CompletableFuture.allOf(
          CompletableFuture.runAsync(() -> pki.makeCa(ca), pool),
          CompletableFuture.runAsync(() -> pki.makeCa(rogueCa), pool));
      cas.get();
      Files.writeString(pki.caCertificate, pem(pki.load(ca).getCertificate("ca")), StandardCharsets.US_ASCII);
      pki.store(pki.caTrustStore, trustStore(pki.load(ca).getCertificate("ca")));

      CompletableFuture.allOf(
          CompletableFuture.runAsync(() -> pki.makeLeaf("server", "CN=127.0.0.1,O=statefun-jakarta tests", ca,
              pki.serverKeyStore, "san=ip:127.0.0.1", "eku=serverAuth", "ku=digitalSignature"), pool),
          CompletableFuture.runAsync(() -> pki.makeLeaf("client", "CN=statefun-runtime,O=statefun-jakarta tests", ca,
              pki.clientKeyStore, "eku=clientAuth", "ku=digitalSignature"), pool),
          CompletableFuture.runAsync(() -> pki.makeLeaf("intruder", "CN=statefun-runtime,O=statefun-jakarta tests",
              rogueCa, pki.untrustedClientKeyStore, "eku=clientAuth", "ku=digitalSignature"), pool)).get();

      KeyStore client = pki.load(pki.clientKeyStore);
      StringBuilder chain = new StringBuilder();
      for (Certificate certificate : client.getCertificateChain("client")) {
        chain.append(pem(certificate));
      }
      Files.writeString(pki.clientCertificate, chain, StandardCharsets.US_ASCII);
      PrivateKey key = (PrivateKey) client.getKey("client", password.toCharArray());
      Files.writeString(pki.clientKey, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
      Files.writeString(pki.clientEncryptedKey, pem("ENCRYPTED PRIVATE KEY", encrypt(key, password)),
          StandardCharsets.US_ASCII);
      // No line end: the runtime takes the whole file as the password.
      Files.writeString(pki.clientKeyPasswordFile, password, StandardCharsets.UTF_8);
      Files.writeString(directory.resolve(COMPLETE), Instant.now().toString(), StandardCharsets.US_ASCII);
      return pki;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make the test certificates in " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot make the test certificates in " + directory + ": " + e.getCause(),
          e.getCause());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot export the test keys in " + directory + ": " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static TestPki in(Path directory, String password) {
    return new TestPki(directory, password, directory.resolve("ca.pem"), directory.resolve("ca-truststore.p12"),
        directory.resolve("server.p12"), directory.resolve("client.p12"), directory.resolve("client-chain.pem"),
        directory.resolve("client-key.pem"), directory.resolve("client-key-encrypted.pem"),
        directory.resolve("client-key-password.txt"), directory.resolve("untrusted-client.p12"));
  }

  /** A complete set made less than {@link #REUSE_FOR} ago; its password is in the key password file. */
  private static Optional<TestPki> reusable(Path directory) {
    try {
      Path complete = directory.resolve(COMPLETE);
      if (!Files.isRegularFile(complete)
          || Files.getLastModifiedTime(complete).toInstant().isBefore(Instant.now().minus(REUSE_FOR))) {
        return Optional.empty();
      }
      TestPki pki = in(directory, Files.readString(directory.resolve("client-key-password.txt"), StandardCharsets.UTF_8));
      for (Path file : List.of(pki.caCertificate, pki.caTrustStore, pki.serverKeyStore, pki.clientKeyStore,
          pki.clientCertificate, pki.clientKey, pki.clientEncryptedKey, pki.untrustedClientKeyStore)) {
        if (!Files.isRegularFile(file)) {
          return Optional.empty();
        }
      }
      return Optional.of(pki);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A client context that trusts the CA and presents the key in {@code keyStore} (one of this
   * set's PKCS12 stores), or no certificate for null.
   */
  public SSLContext clientContext(Path keyStore) {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(caTrustStore));
      KeyManagerFactory keys = null;
      if (keyStore != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), password.toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client context that trusts no one's certificate but the JDK's default CAs, and has no key. */
  public static SSLContext defaultClientContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads one of this set's PKCS12 stores. */
  public KeyStore load(Path store) {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, password.toCharArray());
      return keyStore;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot load " + store + ": " + e, e);
    }
  }

  private void makeCa(Path keyStore) {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", CA_NAME,
        "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "2", "-startdate", "-1H",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password);
  }

  /** A key pair, a signing request, the CA's signature, and the chain imported over the placeholder. */
  private void makeLeaf(String alias, String name, Path caKeyStore, Path keyStore, String... extensions) {
    Path request = directory.resolve(alias + ".csr");
    Path signed = directory.resolve(alias + ".pem");
    keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", name,
        "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password);
    keytool("-certreq", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", password,
        "-file", request.toString());
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", caKeyStore.toString(),
        "-storepass", password, "-infile", request.toString(), "-outfile", signed.toString(), "-rfc",
        "-validity", "2", "-startdate", "-1H"));
    for (String extension : extensions) {
      gencert.add("-ext");
      gencert.add(extension);
    }
    keytool(gencert.toArray(String[]::new));
    try {
      Path chain = directory.resolve(alias + "-chain.pem");
      Files.writeString(chain, Files.readString(signed, StandardCharsets.US_ASCII)
          + pem(load(caKeyStore).getCertificate("ca")), StandardCharsets.US_ASCII);
      keytool("-importcert", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", password,
          "-file", chain.toString(), "-noprompt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void keytool(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    // A short-lived JVM: skip the optimizing compiler.
    command.add("-J-XX:TieredStopAtLevel=1");
    command.add("-J-XX:+UseSerialGC");
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + arguments[0] + " did not finish in 60 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + String.join(" ", arguments).replace(password, "***")
            + " failed (" + process.exitValue() + "): " + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore trustStore(Certificate ca) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    return store;
  }

  private void store(Path file, KeyStore store) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
  }

  /**
   * Encrypted PKCS#8 with a PKCS#12 PBE scheme: Netty (the runtime's TLS) decrypts a key with the
   * JDK alone, which knows these schemes by their OID but not PBES2 (openssl's default).
   */
  private static byte[] encrypt(PrivateKey key, String password) throws GeneralSecurityException, IOException {
    String algorithm = "PBEWithSHA1AndDESede";
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Cipher cipher = Cipher.getInstance(algorithm);
    cipher.init(Cipher.ENCRYPT_MODE,
        SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray())),
        new PBEParameterSpec(salt, 10_000));
    byte[] encrypted = cipher.doFinal(key.getEncoded());
    AlgorithmParameters parameters = cipher.getParameters();
    return new EncryptedPrivateKeyInfo(parameters, encrypted).getEncoded();
  }

  private static String pem(Certificate certificate) {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Without the password. */
  @Override
  public String toString() {
    return "TestPki[" + directory + "]";
  }
}
