package dev.auscult.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Raw HTTP to the server, for the cases the agent's own client would never send. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> graphql(URI endpoint, String query, Map<String, Object> variables, Map<String, String> headers) throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws Exception {
        return CLIENT.send(request, body);
    }

    public static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    public static final String ACTIVATE = "mutation A($input: ActivateDeviceInput!) { activateDevice(input: $input) { deviceId apiToken accountId } }";
    public static final String REPORT = "mutation R($input: ReportScanInput!) { reportScan(input: $input) { reportId duplicate } }";

    public static Map<String, Object> activation(String account, String email, String code, String uuid) {
        return Map.of("input", Map.of("accountId", account, "email", email, "code", code, "deviceUuid", uuid, "agentVersion", "0.1.0",
                "device", Map.of("platform", "linux", "hostname", "host-" + uuid)));
    }
}
