package dev.auscult.server.http;

import dev.auscult.server.ServerConfig;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** HTTPS terminated by the server itself, from a PKCS#12 key store or PEM files (TLS 1.2 and 1.3 only). */
final class Tls {

    private Tls() {
    }

    static Connector connector(Server server, HttpConfiguration http, ServerConfig.Tls tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        switch (tls) {
            case ServerConfig.Tls.KeyStoreFile ks -> {
                ssl.setKeyStorePath(ks.keyStore().toAbsolutePath().toString());
                ssl.setKeyStoreType("PKCS12");
                ssl.setKeyStorePassword(ks.password());
            }
            case ServerConfig.Tls.PemFiles pem -> {
                try {
                    ssl.setKeyStore(PemKeyStore.load(pem.certificate(), pem.privateKey()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                ssl.setKeyStorePassword("");
            }
        }
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        c.setHost(host);
        c.setPort(port);
        return c;
    }
}
