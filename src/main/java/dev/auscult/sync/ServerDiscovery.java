package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's API behind an address a person types or a link carries: the server's base URL, its console URL or
 * the GraphQL endpoint itself. A {@code /graphql} URL is taken as it is; any other address of an Auscult server
 * (the base, the console, a page of it) is asked for its {@code /.well-known/auscult} document, which names the endpoint and, given the account, the
 * organisation — so the person can be shown whom they are about to send their code to. Nothing secret is sent.
 */
public final class ServerDiscovery {

    /** Where to activate, and the organisation's name when the server told it. */
    public record Found(URI graphql, Optional<String> organisation) {
    }

    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private ServerDiscovery() {
    }

    public static Found resolve(URI address, String accountId, Duration timeout, Map<String, String> environment) throws BackendException {
        BackendClient.requireSafe(address);
        String path = Optional.ofNullable(address.getRawPath()).orElse("");
        if (path.endsWith("/graphql")) {
            return new Found(address, Optional.empty()); // the endpoint itself (a managed configuration's backendUrl, an older server)
        }
        return ask(address, accountId, timeout, environment).orElseThrow(() -> new BackendException(BackendException.Kind.PROTOCOL, address
                + " is not the address of an Auscult server (it has no /.well-known/auscult): check the address your IT team gave you"));
    }

    /**
     * Whom an address a person typed belongs to, asked before their code is sent: the server's document even for a
     * {@code /graphql} address. Empty when the server publishes none (an older or a JupiterOne-compatible backend).
     */
    public static Optional<Found> ask(URI address, String accountId, Duration timeout, Map<String, String> environment) throws BackendException {
        BackendClient.requireSafe(address);
        URI origin = URI.create(address.getScheme() + "://" + address.getRawAuthority());
        URI document = origin.resolve("/.well-known/auscult?account=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).proxy(BackendClient.proxy(environment, address))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JsonNode doc;
        try {
            HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(document).timeout(timeout).header("Accept", "application/json")
                    .header("User-Agent", "Auscult").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = res.body()) {
                body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            }
            doc = res.statusCode() == 200 && body.length <= MAX_DOCUMENT_BYTES ? new ObjectMapper().readTree(body) : null;
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.NETWORK, "the server at " + address.getHost() + " could not be reached ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.NETWORK, "interrupted");
        }
        boolean isServer = doc != null && doc.path("format").asText("").startsWith("auscult-server/") && doc.path("graphql").isTextual();
        if (!isServer) {
            return Optional.empty();
        }
        boolean endpointGiven = Optional.ofNullable(address.getRawPath()).orElse("").endsWith("/graphql");
        URI graphql = endpointGiven ? address : URI.create(doc.get("graphql").asText());
        BackendClient.requireSafe(graphql);
        Optional<String> organisation = Optional.ofNullable(doc.path("organisation").path("name").textValue()).filter(n -> !n.isBlank());
        return Optional.of(new Found(graphql, organisation));
    }
}
