package dev.auscult.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code auscult://} link, as an admin puts it in an onboarding e-mail or portal: {@code auscult://open}
 * brings the window up, {@code auscult://activate?email=…&account=…&code=…} opens the activation wizard
 * with those fields filled in.
 *
 * <p>A link may carry the organisation's server address ({@code &backend=…}, as the activation e-mail's link
 * does), but it can never override a managed configuration's backend — anyone can publish a link, and one
 * that pointed enrolment at their own server would collect the user's e-mail and one-time code. Without a
 * managed backend, the link's address only fills in the wizard's address field, where the person sees it.
 */
public sealed interface DeepLink {

    String SCHEME = "auscult";

    /** Show the status window. */
    record Open() implements DeepLink {
    }

    /** Open the activation wizard with whichever fields the link carried. */
    record Activate(Optional<String> email, Optional<String> account, Optional<String> code, Optional<URI> backend) implements DeepLink {

        public Activate(Optional<String> email, Optional<String> account, Optional<String> code) {
            this(email, account, code, Optional.empty());
        }

        /** The one-time code is a credential until it is used: never in a log line. */
        @Override
        public String toString() {
            return "Activate[email=" + email.orElse("-") + ", account=" + account.orElse("-") + ", code=" + (code.isPresent() ? "(set)" : "-")
                    + ", backend=" + backend.map(URI::toString).orElse("-") + "]";
        }
    }

    /**
     * Confirm this device to a sign-in page: {@code auscult://prove?challenge=…&server=…}. The agent answers only when
     * {@code server} is the server it is activated with, and only after the person agreed once for that server.
     */
    record Prove(String challenge, URI server) implements DeepLink {
        /** The challenge is a one-time credential of the sign-in: never in a log line. */
        @Override
        public String toString() {
            return "Prove[server=" + server + ", challenge=(set)]";
        }
    }

    /** Whether a command-line argument is meant to be a link (so it is not mistaken for an option). */
    static boolean looksLikeLink(String arg) {
        return arg.regionMatches(true, 0, SCHEME + ":", 0, SCHEME.length() + 1);
    }

    /** The link's meaning, or empty for anything that is not a well-formed link we understand. */
    static Optional<DeepLink> parse(String text) {
        String link = text == null ? "" : text.strip();
        if (link.length() > 2048 || !looksLikeLink(link)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        // auscult://activate?… names the action as the host; auscult:activate?… (no slashes) as the opaque part
        String action = uri.isOpaque() ? uri.getSchemeSpecificPart().split("\\?", 2)[0] : uri.getHost();
        if (action == null) {
            return Optional.empty();
        }
        String query = uri.isOpaque() ? queryOfOpaque(uri.getRawSchemeSpecificPart()) : uri.getRawQuery();
        Map<String, String> params = params(query);
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "open", "status" -> Optional.of(new Open());
            case "activate" -> Optional.of(new Activate(field(params, "email"), field(params, "account"), field(params, "code"),
                    field(params, "backend").flatMap(DeepLink::address)));
            case "prove" -> field(params, "challenge").filter(c -> c.matches("[A-Za-z0-9_-]{20,100}"))
                    .flatMap(c -> field(params, "server").flatMap(DeepLink::address).map(server -> (DeepLink) new Prove(c, server)));
            default -> Optional.empty();
        };
    }

    private static String queryOfOpaque(String rawSsp) {
        int q = rawSsp.indexOf('?');
        return q < 0 ? null : rawSsp.substring(q + 1);
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            // java.net.URI has already rejected malformed %-escapes, so decoding cannot fail here
            String key = decode(pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            params.putIfAbsent(key, decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String raw) {
        // a URI query is not a form: '+' is a plus sign (as in ada+laptop@example.com), not a space
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * An address the agent would send a code to (the backend client's own rule: https, or http on this machine),
     * else nothing: a link's odd address is dropped, not typed in for the person.
     */
    private static Optional<URI> address(String value) {
        try {
            URI u = new URI(value);
            if (u.getHost() == null) {
                return Optional.empty();
            }
            dev.auscult.sync.BackendClient.requireSafe(u);
            return Optional.of(u);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> field(Map<String, String> params, String name) {
        // Fields are typed into text boxes: drop control characters and absurd lengths a crafted link could carry
        return Optional.ofNullable(params.get(name))
                .map(v -> v.replaceAll("\\p{Cntrl}", "").strip())
                .filter(v -> !v.isEmpty() && v.length() <= 256);
    }
}
