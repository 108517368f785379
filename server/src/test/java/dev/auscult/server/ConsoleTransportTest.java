package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console is reached the way browsers keep its Secure session cookie — HTTPS, or the machine itself — and
 * anything else gets a page that says how to fix it, never a sign-in that silently loops (roll-out stall 4).
 * The server's own HTTPS takes the PEM files certificate authorities hand out.
 */
class ConsoleTransportTest {

    private static final String ADMIN = "admin@acme.example";
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private RunningServer server(Map<String, String> env) throws Exception {
        RunningServer s = RunningServer.start("jdbc:sqlite:" + dir.resolve("auscult-" + System.nanoTime() + ".db"), m -> { }, Clock.systemUTC(), true, env);
        s.services.accounts().create("acme", "Acme", "test");
        s.services.admins().create(new Account("acme"), ADMIN, PASSWORD, "test");
        return s;
    }

    /** One HTTP/1.1 exchange on a raw socket: the Host header is what a browser that typed that name sends. */
    private static String exchange(int port, String method, String path, String host, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (!body.isEmpty()) {
                req.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(bytes.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void plainHttpOnANetworkNameShowsHowToGetHttpsAndSignsNobodyIn() throws Exception {
        try (RunningServer s = server(Map.of())) {
            String page = exchange(s.port, "GET", "/console/sign-in", "auscult.acme.example:" + s.port, Map.of(), "");
            assertEquals(403, status(page), page);
            assertTrue(page.contains("The console needs HTTPS"), page);
            assertTrue(page.contains("tls.certificate") && page.contains("trustedProxies") && page.contains("http://localhost:" + s.port + "/console"), page);
            assertTrue(page.contains("auscult.acme.example") && !page.contains("auscult.acme.example:" + s.port + "</strong>"), "the host without its port");
            assertFalse(page.contains("name=\"password\""), "no password form over a connection that would leak it");

            String form = "username=" + java.net.URLEncoder.encode(ADMIN, StandardCharsets.UTF_8) + "&password=" + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
            String post = exchange(s.port, "POST", "/console/sign-in", "auscult.acme.example", Map.of("Sec-Fetch-Site", "same-origin"), form);
            assertEquals(403, status(post), post);
            assertFalse(post.toLowerCase(java.util.Locale.ROOT).contains("set-cookie"), "no session is handed out");
            assertTrue(s.services.audit().recent(new Account("acme"), 50).stream().noneMatch(e -> e.toString().contains("signed in")),
                    "the audit log does not claim a sign-in that the browser could not keep");

            // an untrusted peer's X-Forwarded-Proto is not believed
            assertEquals(403, status(exchange(s.port, "GET", "/console/sign-in", "auscult.acme.example", Map.of("X-Forwarded-Proto", "https"), "")));
        }
    }

    @Test
    void theMachineItselfAndATrustedTlsProxyGetTheSignInForm() throws Exception {
        try (RunningServer s = server(Map.of("AUSCULT_TRUSTED_PROXIES", "127.0.0.1"))) {
            for (String host : new String[] {"localhost:" + s.port, "127.0.0.1:" + s.port, "[::1]:" + s.port, "console.localhost"}) {
                String page = exchange(s.port, "GET", "/console/sign-in", host, Map.of(), "");
                assertEquals(200, status(page), host + ": " + page);
                assertTrue(page.contains("name=\"password\""), host);
            }
            String proxied = exchange(s.port, "GET", "/console/sign-in", "auscult.acme.example", Map.of("X-Forwarded-Proto", "https"), "");
            assertEquals(200, status(proxied), proxied);
            String plainProxy = exchange(s.port, "GET", "/console/sign-in", "auscult.acme.example", Map.of("X-Forwarded-Proto", "http"), "");
            assertEquals(403, status(plainProxy), "a proxy that itself speaks plain HTTP to the browser is no better");
        }
    }

    /** PEM files as a CA hands them out: the certificate chain and an unencrypted PKCS#8 key (made here with the JDK's keytool). */
    private Path[] pemFiles() throws Exception {
        Path p12 = dir.resolve("made.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "console", "-keystore", p12.toString(), "-storetype", "PKCS12",
                "-storepass", "made-here", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "made-here".toCharArray());
        }
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path cert = dir.resolve("fullchain.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(ks.getCertificate("console").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path key = dir.resolve("privkey.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(ks.getKey("console", "made-here".toCharArray()).getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {cert, key};
    }

    @Test
    void pemCertificateAndKeyServeTheConsoleOverHttps() throws Exception {
        Path[] pem = pemFiles();
        try (RunningServer s = server(Map.of("AUSCULT_TLS_CERTIFICATE", pem[0].toString(), "AUSCULT_TLS_PRIVATE_KEY", pem[1].toString()))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("console", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem[0]))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + s.port + "/console/sign-in")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("name=\"password\""));
            assertEquals("TLSv1.3", page.sslSession().orElseThrow().getProtocol());
        }
    }

    @Test
    void aKeyInTheOlderPkcs1FormIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path[] pem = pemFiles();
        Path pkcs1 = dir.resolve("rsa-key.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n");
        Exception e = assertThrows(Exception.class, () -> server(Map.of("AUSCULT_TLS_CERTIFICATE", pem[0].toString(),
                "AUSCULT_TLS_PRIVATE_KEY", pkcs1.toString())).close());
        String messages = causes(e);
        assertTrue(messages.contains("openssl pkcs8 -topk8 -nocrypt -in " + pkcs1), messages);

        IOException both = assertThrows(IOException.class, () -> ServerConfig.load(java.util.Optional.empty(),
                Map.of("AUSCULT_TLS_CERTIFICATE", pem[0].toString())));
        assertTrue(both.getMessage().contains("certificate and privateKey go together"), both.getMessage());
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
