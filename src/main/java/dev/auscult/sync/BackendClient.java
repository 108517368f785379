package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's GraphQL client: the operations are the .graphql files beside the schema, sent as they
 * are. TLS is always verified (there is no switch to turn that off); proxies come from the JVM's
 * settings or the HTTPS_PROXY variable.
 */
public final class BackendClient {

    private final URI endpoint;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Duration timeout;

    public BackendClient(URI endpoint, Duration timeout, Map<String, String> environment) {
        requireSafe(endpoint);
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).proxy(proxy(environment, endpoint))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The token must never cross a network in clear: plain http is only for a backend on this machine. */
    public static void requireSafe(URI endpoint) {
        String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(java.util.Locale.ROOT);
        String host = String.valueOf(endpoint.getHost());
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
        if (!(scheme.equals("https") || (scheme.equals("http") && loopback))) {
            throw new IllegalArgumentException("the backend URL must use https (plain http is accepted only for 127.0.0.1/localhost): " + endpoint);
        }
    }

    /** Largest answer read from the backend: a policy is at most 1 MiB; anything far larger is a fault. */
    static final int MAX_RESPONSE_BYTES = 4 << 20;

    /**
     * The JVM's proxy settings if any, else HTTPS_PROXY/https_proxy (host:port or a URL) — but never for a
     * backend on this machine or one NO_PROXY names, and never for plain http: the request carries the
     * device's token, and a proxy would see it in clear.
     */
    static ProxySelector proxy(Map<String, String> env, URI endpoint) {
        String host = String.valueOf(endpoint.getHost()).toLowerCase(java.util.Locale.ROOT);
        if (isLoopback(host) || !"https".equalsIgnoreCase(endpoint.getScheme()) || noProxy(env, host)) {
            return HttpClient.Builder.NO_PROXY;
        }
        if (System.getProperty("https.proxyHost") != null || System.getProperty("java.net.useSystemProxies") != null) {
            return ProxySelector.getDefault();
        }
        String v = Optional.ofNullable(env.get("HTTPS_PROXY")).orElse(env.get("https_proxy"));
        if (v == null || v.isBlank()) {
            return HttpClient.Builder.NO_PROXY;
        }
        URI u = URI.create(v.contains("://") ? v : "http://" + v);
        return ProxySelector.of(new InetSocketAddress(u.getHost(), u.getPort() > 0 ? u.getPort() : 8080));
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1")
                || host.startsWith("127.");
    }

    /** curl's NO_PROXY: comma-separated host names or domain suffixes ({@code .example.com}), or {@code *}. */
    static boolean noProxy(Map<String, String> env, String host) {
        String v = Optional.ofNullable(env.get("NO_PROXY")).orElse(env.getOrDefault("no_proxy", ""));
        for (String raw : v.split(",")) {
            String entry = raw.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst(":\\d+$", "");
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return true;
            }
            String suffix = entry.startsWith(".") ? entry : "." + entry;
            if (host.equals(entry.replaceFirst("^\\.", "")) || host.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    static String operation(String name) {
        try (InputStream in = BackendClient.class.getResourceAsStream("operations/" + name + ".graphql")) {
            if (in == null) {
                throw new IllegalStateException("no operation " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("operation " + name + " cannot be read", e);
        }
    }

    private Optional<DeviceKey> deviceKey = Optional.empty();

    /** Requests with a token also carry a proof signed with this device's key (DPoP, RFC 9449, with the body's hash). */
    public BackendClient signedBy(Optional<DeviceKey> key) {
        this.deviceKey = key;
        return this;
    }

    /**
     * An operation's {@code data} and what the server asked of the device beside it: {@code keyRotationAsked} when the
     * answer carries the {@code deviceKey: "rotate"} extension (contract 1.5: an administrator wants a new device key).
     */
    public record Answer(JsonNode data, boolean keyRotationAsked) {
    }

    /** Runs one operation and returns its {@code data}; the token, if any, goes only into the header. */
    public JsonNode execute(String operationName, Map<String, Object> variables, String accountId, Optional<ApiToken> token)
            throws BackendException {
        return call(operationName, variables, accountId, token).data();
    }

    /** Runs one operation: its {@code data} and the server's requests to the device. */
    public Answer call(String operationName, Map<String, Object> variables, String accountId, Optional<ApiToken> token)
            throws BackendException {
        ObjectNode body = json.createObjectNode();
        body.put("query", operation(operationName));
        body.put("operationName", operationName);
        body.set("variables", json.valueToTree(variables));
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("JupiterOne-Account", accountId)
                .header("User-Agent", "Auscult");
        byte[] sent = body.toString().getBytes(StandardCharsets.UTF_8);
        req.POST(HttpRequest.BodyPublishers.ofByteArray(sent));
        token.ifPresent(t -> req.header("Authorization", "Bearer " + t.value()));
        if (token.isPresent() && deviceKey.isPresent()) {
            req.header("DPoP", deviceKey.get().proof("POST", endpoint, sent, token.get().value(), java.time.Instant.now()));
        }
        HttpResponse<InputStream> res;
        byte[] bodyBytes;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = res.body()) {
                bodyBytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
        } catch (IOException e) {
            System.getLogger(BackendClient.class.getName()).log(System.Logger.Level.DEBUG, "request to {0} failed: {1}", endpoint.getHost(), e.toString());
            throw new BackendException(BackendException.Kind.NETWORK, "the server at " + endpoint.getHost() + " could not be reached: " + why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.NETWORK, "interrupted");
        }
        int status = res.statusCode();
        if (bodyBytes.length > MAX_RESPONSE_BYTES) {
            throw new BackendException(BackendException.Kind.PROTOCOL, "the backend's answer is larger than "
                    + (MAX_RESPONSE_BYTES >> 20) + " MiB (HTTP " + status + "); it was not read");
        }
        Optional<Duration> retryAfter = res.headers().firstValue("Retry-After").flatMap(BackendClient::seconds);
        if (status == 429 || status == 503) {
            throw new BackendException(BackendException.Kind.THROTTLED, "the backend asked to slow down (HTTP " + status + ")", retryAfter);
        }
        if (status == 401 || status == 403) {
            throw new BackendException(BackendException.Kind.UNAUTHORIZED, "the backend no longer accepts this device's token (HTTP " + status + ")");
        }
        if (status >= 500) {
            throw new BackendException(BackendException.Kind.SERVER, "the backend failed (HTTP " + status + ")", retryAfter);
        }
        JsonNode root;
        try {
            root = json.readTree(bodyBytes);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new BackendException(BackendException.Kind.PROTOCOL, "the backend answered HTTP " + status + " without a GraphQL response");
        }
        JsonNode errors = root.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            String code = first.path("extensions").path("code").asText("");
            String message = first.path("message").asText("the backend refused the request");
            // Only the contract's own refusals are final. INTERNAL, UNAVAILABLE, a code this agent does not know,
            // or an error without one (a schema the server does not share) is the server's trouble: retried.
            BackendException.Kind kind = switch (code) {
                case "INVALID_CODE" -> switch (first.path("extensions").path("reason").asText("")) {
                    case "EXPIRED" -> BackendException.Kind.CODE_EXPIRED;
                    case "REPLACED" -> BackendException.Kind.CODE_REPLACED;
                    default -> BackendException.Kind.INVALID_CODE;
                };
                case "CODE_ALREADY_USED" -> BackendException.Kind.CODE_ALREADY_USED;
                case "UNKNOWN_ACCOUNT" -> BackendException.Kind.UNKNOWN_ACCOUNT;
                case "UNAUTHENTICATED", "FORBIDDEN" -> BackendException.Kind.UNAUTHORIZED;
                case "BAD_REQUEST" -> BackendException.Kind.REJECTED;
                case "THROTTLED" -> BackendException.Kind.THROTTLED;
                default -> BackendException.Kind.SERVER;
            };
            Optional<Duration> wait = first.path("extensions").path("retryAfterSeconds").canConvertToLong()
                    ? seconds(first.path("extensions").path("retryAfterSeconds").asText()) : retryAfter;
            throw new BackendException(kind, kind == BackendException.Kind.SERVER
                    ? "the backend could not take the request now (" + (code.isEmpty() ? "no error code" : code) + "): " + message : message, wait);
        }
        if (status != 200 || !root.hasNonNull("data")) {
            throw new BackendException(BackendException.Kind.PROTOCOL, "the backend answered HTTP " + status
                    + (root.hasNonNull("data") ? "" : " without data") + ", which the agent's contract does not define");
        }
        return new Answer(root.get("data"), "rotate".equals(root.path("extensions").path("deviceKey").asText("")));
    }

    /** Longest Retry-After obeyed: a backend asking for days would silence the device; an hour is enough. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    /** What went wrong, in words a person can act on — not the transport's class names (those go to the debug log). */
    static String why(IOException e) {
        return switch (e) {
            case java.net.UnknownHostException u -> "that name is not known to the network (check the address, or the VPN)";
            case java.net.http.HttpConnectTimeoutException t -> "it did not answer in time (a firewall or the VPN may be in the way)";
            case java.net.http.HttpTimeoutException t -> "it did not answer in time";
            case java.net.ConnectException c -> "nothing answers at that address and port";
            case javax.net.ssl.SSLHandshakeException h -> "its certificate was not accepted (it is not valid for this name, or not from a trusted authority)";
            case javax.net.ssl.SSLException s -> "the secure connection failed";
            default -> "the connection failed";
        };
    }

    private static Optional<Duration> seconds(String v) {
        if (!v.strip().matches("\\d{1,12}")) {
            return Optional.empty();
        }
        Duration d = Duration.ofSeconds(Long.parseLong(v.strip()));
        return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
    }
}
