package dev.statefun.jakarta.embedded;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Turns a {@link TlsConfig} into the HTTPS listener's TLS set-up. Every problem with the files
 * is reported at startup, naming the setting and the file, before anything listens.
 */
final class ServerTls {
  private static final System.Logger LOG = System.getLogger(EmbeddedServer.class.getName());

  private ServerTls() {}

  /**
   * The TLS context for {@code tls}, with the key store's key and, when a trust store is set, the
   * CAs whose client certificates are accepted (then required: see {@link EmbeddedServer}).
   *
   * @throws IllegalArgumentException when a store is missing, unreadable, not a key store, has
   *     another password, or lacks what it must hold
   */
  static SSLContext context(TlsConfig tls) {
    char[] password = tls.keyStorePassword().toCharArray();
    KeyStore keys = load(tls.keyStore(), password, TlsConfig.KEYSTORE, TlsConfig.KEYSTORE_PASSWORD);
    checkKeyEntries(keys, tls.keyStore());
    try {
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      try {
        keyManagers.init(keys, password);
      } catch (UnrecoverableKeyException e) {
        throw new IllegalArgumentException(TlsConfig.KEYSTORE + ": the private key in " + abs(tls.keyStore())
            + " has another password than the key store; give both the password in " + TlsConfig.KEYSTORE_PASSWORD
            + " (keytool -keypasswd, or export and re-import it as PKCS12)", e);
      }
      TrustManagerFactory trustManagers = null;
      if (tls.trustStore().isPresent()) {
        trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore(tls.trustStore().get(), tls.trustStorePassword().orElse(null)));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers == null ? null : trustManagers.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot set up TLS from " + tls + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(Path file, String password) {
    checkReadable(file, TlsConfig.TRUSTSTORE);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(TlsConfig.TRUSTSTORE + ": cannot read " + abs(file) + ": " + e.getMessage(), e);
    }
    KeyStore store;
    if (new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----")) {
      store = certificates(file, content);
    } else {
      try {
        store = load(file, password == null ? null : password.toCharArray(), TlsConfig.TRUSTSTORE,
            TlsConfig.TRUSTSTORE_PASSWORD);
      } catch (IllegalArgumentException notAStore) {
        if (!(notAStore.getCause() instanceof KeyStoreException)) {
          throw notAStore;
        }
        store = certificates(file, content); // a DER certificate
      }
    }
    int trusted = 0;
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isCertificateEntry(alias)) {
          trusted++;
        }
      }
    } catch (KeyStoreException e) {
      throw new IllegalStateException(e);
    }
    if (trusted == 0) {
      throw new IllegalArgumentException(TlsConfig.TRUSTSTORE + ": " + abs(file) + " holds no trusted certificate"
          + (password == null ? " that can be read without a password (set " + TlsConfig.TRUSTSTORE_PASSWORD + ")"
              : "") + "; import the client CA with keytool -importcert, or give a PEM file of CA certificates");
    }
    return store;
  }

  /** A PEM (or DER) file of certificates as an in-memory trust store. */
  private static KeyStore certificates(Path file, byte[] content) {
    Collection<? extends Certificate> certificates;
    try {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(content));
    } catch (CertificateException e) {
      throw new IllegalArgumentException(TlsConfig.TRUSTSTORE + ": " + abs(file) + " is neither a PKCS12/JKS key"
          + " store nor a PEM file of certificates: " + e.getMessage(), e);
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + n++, certificate);
      }
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot hold the certificates of " + abs(file) + ": " + e, e);
    }
  }

  private static KeyStore load(Path file, char[] password, String setting, String passwordSetting) {
    checkReadable(file, setting);
    try {
      return KeyStore.getInstance(file.toFile(), password);
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException(setting + ": " + abs(file) + " is not a PKCS12 or JKS key store ("
          + e.getMessage() + ")", e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new IllegalArgumentException(passwordSetting + " is not the password of " + abs(file), e);
      }
      throw new IllegalArgumentException(setting + ": cannot read " + abs(file) + " as a key store: " + e.getMessage(),
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(setting + ": cannot load " + abs(file) + ": " + e.getMessage(), e);
    }
  }

  private static void checkKeyEntries(KeyStore keys, Path file) {
    List<String> keyAliases = new ArrayList<>();
    try {
      for (String alias : Collections.list(keys.aliases())) {
        if (keys.isKeyEntry(alias)) {
          keyAliases.add(alias);
          if (keys.getCertificate(alias) instanceof X509Certificate certificate) {
            warnIfNotValidNow(certificate, alias, file);
          }
        }
      }
    } catch (KeyStoreException e) {
      throw new IllegalStateException(e);
    }
    if (keyAliases.isEmpty()) {
      throw new IllegalArgumentException(TlsConfig.KEYSTORE + ": " + abs(file) + " holds no private key, only"
          + " certificates; it needs the server's key and certificate chain (keytool -genkeypair, or"
          + " openssl pkcs12 -export)");
    }
    if (keyAliases.size() > 1) {
      LOG.log(Level.DEBUG, () -> abs(file) + " holds several keys " + keyAliases + "; the JDK picks one per client");
    }
  }

  private static void warnIfNotValidNow(X509Certificate certificate, String alias, Path file) {
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException e) {
      LOG.log(Level.WARNING, "The server certificate '" + alias + "' in " + abs(file) + " expired on "
          + certificate.getNotAfter().toInstant() + ": clients will refuse it");
    } catch (CertificateNotYetValidException e) {
      LOG.log(Level.WARNING, "The server certificate '" + alias + "' in " + abs(file) + " is valid only from "
          + certificate.getNotBefore().toInstant() + ": clients will refuse it until then");
    }
  }

  private static void checkReadable(Path file, String setting) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(setting + ": " + abs(file) + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(setting + ": " + abs(file) + " is not a file");
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(setting + ": " + abs(file) + " cannot be read (check its permissions)");
    }
  }

  private static Path abs(Path file) {
    return file.toAbsolutePath();
  }
}
