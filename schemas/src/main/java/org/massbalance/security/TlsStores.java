package org.massbalance.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts from key and trust store files (PKCS12 by default, as Kafka's {@code ssl.*} settings
 * name them), for the engine's HTTPS API, instance-to-instance forwarding and the commands that
 * call the API. A store that cannot be read fails with a message naming the file and the setting.
 */
public final class TlsStores {

  /** The store type when none is given. */
  public static final String DEFAULT_TYPE = "PKCS12";

  private TlsStores() {}

  /**
   * A store read from {@code location}.
   *
   * @param setting the setting that named the file, for the message
   * @throws IllegalArgumentException naming the setting and the file when it cannot be read
   */
  public static KeyStore load(String setting, String location, String type, String password) {
    String storeType = type == null || type.isBlank() ? DEFAULT_TYPE : type.trim();
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      KeyStore store = KeyStore.getInstance(storeType);
      store.load(in, password == null ? null : password.toCharArray());
      return store;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(setting + "=" + location + ": no such file", e);
    } catch (IOException | GeneralSecurityException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
        why = "wrong password";
      }
      throw new IllegalArgumentException(
          setting + "=" + location + " cannot be read as " + storeType + ": " + why, e);
    }
  }

  /**
   * A client context trusting the certificates of the trust store at {@code location}; the JDK's
   * default context when {@code location} is null or blank.
   *
   * @param setting the setting that named the file, for the message
   */
  public static SSLContext client(String setting, String location, String type, String password) {
    try {
      if (location == null || location.isBlank()) {
        return SSLContext.getDefault();
      }
      KeyStore trust = load(setting, location, type, password);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(setting + ": TLS setup failed: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the key store at {@code location} opens with {@code password} and its key with
   * {@code keyPassword} (null: the store's password), and holds a private key.
   *
   * @throws IllegalArgumentException naming the setting and the file otherwise
   */
  public static void checkKeyStore(
      String setting, String location, String type, String password, String keyPassword) {
    KeyStore keys = load(setting, location, type, password);
    try {
      boolean hasKey = false;
      for (java.util.Enumeration<String> aliases = keys.aliases(); aliases.hasMoreElements(); ) {
        if (keys.isKeyEntry(aliases.nextElement())) {
          hasKey = true;
        }
      }
      if (!hasKey) {
        throw new IllegalArgumentException(
            setting + "=" + location + " holds no private key (a server certificate and its key)");
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      String kp = keyPassword == null ? password : keyPassword;
      kmf.init(keys, kp == null ? new char[0] : kp.toCharArray());
    } catch (java.security.UnrecoverableKeyException e) {
      throw new IllegalArgumentException(
          setting + "=" + location + ": the key cannot be opened: wrong key password", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          setting + "=" + location + " cannot be used: " + e.getMessage(), e);
    }
  }
}
