package dev.statefun.jakarta.embedded;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS for the {@link EmbeddedServer}, optionally with client-certificate authentication (mTLS).
 *
 * <pre>{@code
 * EmbeddedServerConfig.defaults().withTls(
 *     TlsConfig.keyStore(Path.of("server.p12"), password)          // HTTPS
 *         .withTrustStore(Path.of("client-ca.pem"), null));        // + client certificates required
 * }</pre>
 *
 * @param keyStore the server's key and certificate chain: a PKCS12 (or JKS) file holding one
 *     private key entry (the chain should include the intermediates, the runtime does not fetch them)
 * @param keyStorePassword the password of the key store and of its key (as keytool creates them)
 * @param trustStore the certificates of the CAs whose client certificates are accepted; when
 *     present, every client must present a certificate issued by one of them. A PKCS12 (or JKS)
 *     trust store, or a PEM (or DER) file of one or more certificates, like the runtime's own
 *     {@code trust_cacerts}
 * @param trustStorePassword the trust store's password; not needed for a PEM file, and optional for
 *     a PKCS12 store whose certificates are not encrypted
 */
public record TlsConfig(Path keyStore, String keyStorePassword, Optional<Path> trustStore,
    Optional<String> trustStorePassword) {

  /** {@value}: the server's PKCS12 key store; setting it switches the server to HTTPS. */
  public static final String KEYSTORE = "statefun.tls.keystore";
  /** {@value} (or env {@code STATEFUN_TLS_KEYSTORE_PASSWORD}, which {@code ps} does not show). */
  public static final String KEYSTORE_PASSWORD = "statefun.tls.keystore-password";
  /** {@value}: CAs of the accepted client certificates; setting it makes client certificates required. */
  public static final String TRUSTSTORE = "statefun.tls.truststore";
  /** {@value}. */
  public static final String TRUSTSTORE_PASSWORD = "statefun.tls.truststore-password";

  public TlsConfig {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(keyStorePassword, KEYSTORE_PASSWORD);
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    if (trustStorePassword.isPresent() && trustStore.isEmpty()) {
      throw new IllegalArgumentException(TRUSTSTORE_PASSWORD + " is set but " + TRUSTSTORE + " is not");
    }
  }

  /** HTTPS with this key store, no client certificates asked. */
  public static TlsConfig keyStore(Path keyStore, String password) {
    return new TlsConfig(keyStore, password, Optional.empty(), Optional.empty());
  }

  /**
   * Requires client certificates issued by the CAs in {@code trustStore}.
   *
   * @param password the trust store's password, or null (a PEM file, or a PKCS12 store with
   *     unencrypted certificates)
   */
  public TlsConfig withTrustStore(Path trustStore, String password) {
    return new TlsConfig(keyStore, keyStorePassword, Optional.of(trustStore), Optional.ofNullable(password));
  }

  /** Whether clients must present a certificate (a trust store is set). */
  public boolean clientAuthRequired() {
    return trustStore.isPresent();
  }

  /** Without the passwords. */
  @Override
  public String toString() {
    return "TlsConfig[keyStore=" + keyStore + ", trustStore=" + trustStore.map(Path::toString).orElse("none")
        + (clientAuthRequired() ? ", client certificates required" : "") + "]";
  }
}
