package org.massbalance.engine.api;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The API's HTTPS connector: TLS 1.2 and 1.3 only, the key store of {@code api.tls.*}, on the API's
 * host and port. Plain HTTP on that port fails the TLS handshake: there is no HTTP listener.
 */
final class TlsConnector {

  private TlsConnector() {}

  static ServerConnector create(
      Server server, HttpConfiguration http, ApiServer.Settings settings) {
    ApiServer.Tls tls = settings.tls();
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keyStore());
    ssl.setKeyStoreType(tls.type() == null ? "PKCS12" : tls.type());
    if (tls.password() != null) {
      ssl.setKeyStorePassword(tls.password());
    }
    if (tls.keyPassword() != null) {
      ssl.setKeyManagerPassword(tls.keyPassword());
    }
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration https = new HttpConfiguration(http);
    https.setSecureScheme("https");
    https.setRequestHeaderSize(ApiServer.MAX_HEADER_BYTES);
    https.setSendServerVersion(false);
    SecureRequestCustomizer customizer = new SecureRequestCustomizer();
    // Instances and clients reach an instance by IP or by names its certificate may not carry
    // first; the client verifies the certificate's names, the server need not check SNI.
    customizer.setSniHostCheck(false);
    customizer.setSniRequired(false);
    https.addCustomizer(customizer);
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    return connector;
  }
}
