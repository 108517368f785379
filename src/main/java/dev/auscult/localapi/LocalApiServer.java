package dev.auscult.localapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.auscult.posture.Verdict;
import graphql.ExecutionResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Stethoscope's local endpoint on 127.0.0.1 ({@code /graphql} and {@code /scan}, GET and POST), hardened:
 * every request needs an allowed {@code Origin} and a loopback {@code Host} (which defeats DNS
 * rebinding), bodies and query depth/complexity are bounded, each origin is rate-limited, and a rejected
 * request gets a JSON error and no device data.
 */
public final class LocalApiServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalApiServer.class.getName());
    private static final Set<String> PATHS = Set.of("/graphql", "/scan");

    private final LocalApiSettings settings;
    private final StethoscopeGraphQl graphQl;
    private final FreshScans scans;
    private final RateLimiter limiter;
    private final Consumer<RemoteScan> onRemoteScan;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    /** When a page's result last raised a notification: pages notify at most once a day, as the schedule does. */
    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> lastNotified = new java.util.concurrent.atomic.AtomicReference<>();
    private final HttpServer server;
    private final AnswerSigner signer;

    /** The header carrying the device key's signature over an answer (see {@link AnswerSigner}). */
    public static final String SIGNATURE_HEADER = "Auscult-Signature";
    /** The longest nonce a page may send: enough for 256 bits in any encoding. */
    static final int MAX_NONCE = 128;

    public LocalApiServer(LocalApiSettings settings, ScanSource source, String agentVersion, Clock clock,
                          Consumer<RemoteScan> onRemoteScan) throws IOException {
        this(settings, source, agentVersion, clock, onRemoteScan, AnswerSigner.none());
    }

    /**
     * Starts listening. Throws {@link java.net.BindException} when the port is taken; the caller keeps
     * running without the API and retries later.
     */
    public LocalApiServer(LocalApiSettings settings, ScanSource source, String agentVersion, Clock clock,
                          Consumer<RemoteScan> onRemoteScan, AnswerSigner signer) throws IOException {
        this.signer = signer;
        // The JDK server reads these once: they bound how long a slow or stalled client may hold a request.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "60"));
        this.settings = settings;
        this.graphQl = new StethoscopeGraphQl(agentVersion);
        this.scans = new FreshScans(source, settings.freshness(), clock);
        this.limiter = new RateLimiter(settings.requestsPerMinute(), clock);
        this.onRemoteScan = onRemoteScan;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        LOG.log(Level.INFO, "local API listening on 127.0.0.1:{0}", port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String origin = ex.getRequestHeaders().getFirst("Origin");
            String host = ex.getRequestHeaders().getFirst("Host");
            if (!loopbackHost(host)) {
                reject(ex, 403, "the Host header must be 127.0.0.1:" + port() + " or localhost:" + port(), null);
                return;
            }
            if (origin == null || origin.isBlank()) {
                reject(ex, 403, "requests must carry an Origin header", null);
                return;
            }
            if (!settings.origins().allows(origin)) {
                reject(ex, 403, "origin not allowed: " + origin, null);
                return;
            }
            if (!PATHS.contains(ex.getRequestURI().getPath())) {
                reject(ex, 404, "not found", origin);
                return;
            }
            String method = ex.getRequestMethod();
            if (method.equals("OPTIONS")) {
                preflight(ex, origin);
                return;
            }
            long retry = limiter.retryAfterSeconds(origin);
            if (retry > 0) {
                ex.getResponseHeaders().set("Retry-After", String.valueOf(retry));
                reject(ex, 429, "too many requests from " + origin, origin);
                return;
            }
            Map<String, String> params;
            if (method.equals("GET")) {
                String raw = ex.getRequestURI().getRawQuery();
                if (raw != null && raw.length() > settings.maxBodyBytes()) {
                    reject(ex, 414, "the query string is longer than " + settings.maxBodyBytes() + " bytes; use POST", origin);
                    return;
                }
                params = query(raw);
            } else if (method.equals("POST")) {
                Optional<byte[]> body = body(ex.getRequestBody());
                if (body.isEmpty()) {
                    reject(ex, 413, "the request body is larger than " + settings.maxBodyBytes() + " bytes", origin);
                    return;
                }
                params = bodyParams(ex, body.get());
                if (params == null) {
                    reject(ex, 400, "the body is not valid JSON", origin);
                    return;
                }
            } else {
                ex.getResponseHeaders().set("Allow", "GET, POST, OPTIONS");
                reject(ex, 405, "method not allowed", origin);
                return;
            }
            execute(ex, origin, params);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "local API request failed: {0}", e.toString());
        }
    }

    private void execute(HttpExchange ex, String origin, Map<String, String> params) throws IOException {
        String query = params.get("query");
        if (query == null || query.isBlank()) {
            reject(ex, 400, "a GraphQL query is required", origin);
            return;
        }
        Optional<Map<String, Object>> variables = variables(params.get("variables"));
        if (variables.isEmpty()) {
            reject(ex, 400, "variables must be a JSON object", origin);
            return;
        }
        Optional<String> nonce = Optional.ofNullable(params.get("nonce"));
        if (nonce.isPresent() && (nonce.get().isEmpty() || nonce.get().length() > MAX_NONCE)) {
            reject(ex, 400, "nonce must be 1 to " + MAX_NONCE + " characters", origin);
            return;
        }
        long t0 = System.nanoTime();
        StethoscopeGraphQl.RequestScan requestScan = new StethoscopeGraphQl.RequestScan(scans);
        ExecutionResult result = graphQl.execute(query, variables.get(), Optional.ofNullable(params.get("operationName")),
                requestScan);
        Map<String, Object> spec = new HashMap<>(result.toSpecification());
        Map<String, Object> extensions = new HashMap<>();
        extensions.put("timing", Map.of("total", (System.nanoTime() - t0) / 1_000_000));
        if (!requestScan.policyWarnings().isEmpty()) {
            extensions.put("policyWarnings", requestScan.policyWarnings());
        }
        spec.put("extensions", extensions);
        byte[] out = json.writeValueAsBytes(spec);
        headers(ex, origin);
        sign(ex, out, origin, nonce);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        announce(origin, Optional.ofNullable(params.get("sessionId")), result);
    }

    /**
     * Tells the app a page scanned (the window's "Last scanned by" line). A non-passing result is passed on
     * for a notification at most once a day across all pages: requests are cheap for a page to make, and
     * the user must not be flooded by them (the scan schedule itself notifies no more often).
     */
    private void announce(String origin, Optional<String> sessionId, ExecutionResult result) {
        Optional<Verdict> status = Optional.empty();
        if (result.getData() instanceof Map<?, ?> data && data.get("policy") instanceof Map<?, ?> policy
                && policy.get("validate") instanceof Map<?, ?> validate && validate.get("status") instanceof String s) {
            status = Optional.of(Verdict.valueOf(s)).filter(v -> v != Verdict.PASS);
        }
        if (status.isPresent()) {
            java.time.Instant now = clock.instant();
            java.time.Instant before = lastNotified.get();
            boolean due = (before == null || !now.isBefore(before.plus(java.time.Duration.ofDays(1))))
                    && lastNotified.compareAndSet(before, now);
            if (!due) {
                status = Optional.empty();
            }
        }
        onRemoteScan.accept(new RemoteScan(settings.origins().label(origin).orElse(origin), sessionId, status));
    }

    /** A signing failure (a TPM that does not answer) leaves the answer unsigned, which a verifier refuses: never a false pass. */
    private void sign(HttpExchange ex, byte[] body, String origin, Optional<String> nonce) {
        try {
            signer.sign(body, origin, nonce).ifPresent(sig -> {
                ex.getResponseHeaders().set(SIGNATURE_HEADER, sig);
                ex.getResponseHeaders().set("Access-Control-Expose-Headers", SIGNATURE_HEADER);
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the local API answer could not be signed: {0}", e.getMessage());
        }
    }

    private boolean loopbackHost(String host) {
        return host != null && (host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()));
    }

    private void preflight(HttpExchange ex, String origin) throws IOException {
        headers(ex, origin);
        ex.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ex.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
        ex.getResponseHeaders().set("Access-Control-Max-Age", "600");
        if ("true".equals(ex.getRequestHeaders().getFirst("Access-Control-Request-Private-Network"))) {
            // Chrome's Private Network Access preflight for public pages calling 127.0.0.1
            ex.getResponseHeaders().set("Access-Control-Allow-Private-Network", "true");
        }
        ex.sendResponseHeaders(204, -1);
    }

    private static void headers(HttpExchange ex, String origin) {
        ex.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
        ex.getResponseHeaders().set("Vary", "Origin");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    }

    /** A rejection carries an error and nothing about the device; CORS headers only for allowed origins. */
    private void reject(HttpExchange ex, int status, String message, String allowedOrigin) throws IOException {
        if (allowedOrigin != null) {
            headers(ex, allowedOrigin);
        } else {
            ex.getResponseHeaders().set("Cache-Control", "no-store");
        }
        ObjectNode err = json.createObjectNode();
        err.putArray("errors").addObject().put("message", message);
        byte[] out = json.writeValueAsBytes(err);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
    }

    private Optional<byte[]> body(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(settings.maxBodyBytes() + 1);
        return bytes.length > settings.maxBodyBytes() ? Optional.empty() : Optional.of(bytes);
    }

    private Map<String, String> bodyParams(HttpExchange ex, byte[] body) {
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return query(new String(body, StandardCharsets.UTF_8));
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                return null;
            }
            Map<String, String> out = new HashMap<>();
            for (String key : List.of("query", "operationName", "sessionId", "nonce")) {
                if (root.hasNonNull(key)) {
                    out.put(key, root.get(key).asText());
                }
            }
            if (root.hasNonNull("variables")) {
                out.put("variables", root.get("variables").isTextual() ? root.get("variables").asText() : root.get("variables").toString());
            }
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    /** Empty when the text is not a JSON object (absent or null variables are an empty map). */
    private Optional<Map<String, Object>> variables(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(Map.of());
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || node.isNull()) {
                return Optional.of(Map.of());
            }
            if (!node.isObject()) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.convertValue(node, Map.class);
            return Optional.of(map);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed %-escape: that parameter is simply absent
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
