package dev.auscult.server.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a browser keeps the console's Secure session cookie on this connection: over HTTPS (the server's own
 * TLS, or a trusted proxy's X-Forwarded-Proto), or on a loopback host, which browsers treat as a secure context
 * (W3C Secure Contexts, "potentially trustworthy": localhost, *.localhost, 127.0.0.0/8, ::1).
 */
final class BrowserTransport {

    private BrowserTransport() {
    }

    static boolean keepsSecureCookies(String scheme, Optional<String> trustedForwardedProto, String hostHeader) {
        String effective = trustedForwardedProto.map(p -> p.strip().toLowerCase(Locale.ROOT)).orElse(scheme);
        return effective.equals("https") || loopback(hostName(hostHeader));
    }

    /** The Host header without its port ("[::1]:8443" → "[::1]", "example.org:80" → "example.org"). */
    static String hostName(String hostHeader) {
        String h = hostHeader == null ? "" : hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
