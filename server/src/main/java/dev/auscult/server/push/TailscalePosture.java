package dev.auscult.server.push;

import dev.auscult.server.store.ClaimedDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.server.service.Deliveries;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A change delivered as Tailscale device posture attributes, which its ACL policy's postures can require
 * ({@code custom:auscultCompliant == true}): the device is found in the tailnet by its host name and its owner's login,
 * then {@code custom:auscultCompliant} (true/false) and {@code custom:auscultStatus} (PASS, NUDGE, FAIL, UNKNOWN,
 * NOTSEEN, REVOKED) are set through Tailscale's API ({@code POST /device/{id}/attributes/{key}} with {@code value} and
 * {@code expiry}). The expiry is the event's time plus {@link Deliveries#STALE}: an attribute Auscult stops renewing
 * lapses, so a silent Auscult fails closed rather than leaving a stale "compliant" behind.
 */
final class TailscalePosture {

    private final ObjectMapper json = new ObjectMapper();
    private final java.time.Clock clock;

    TailscalePosture(java.time.Clock clock) {
        this.clock = clock;
    }

    Attempt send(HttpClient http, ClaimedDelivery d) throws IOException, InterruptedException {
        JsonNode event = json.readTree(d.payload());
        String api = d.url().replaceAll("/+$", "");
        String token = d.secret().orElseThrow(() -> new IllegalStateException("no API access token"));
        String tailnet = d.audience().orElse("-");
        String hostname = event.path("device").path("hostname").asText("");
        String owner = event.path("device").path("owner").asText("");
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(api + "/tailnet/" + URLEncoder.encode(tailnet, StandardCharsets.UTF_8)
                        + "/devices")).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).header("User-Agent", "Auscult-Server")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() / 100 != 2) {
            return failed(list, "listing the tailnet's devices");
        }
        Optional<String> id = find(json.readTree(list.body()), hostname, owner);
        if (id.isEmpty()) {
            // nothing to set: not an error to retry; the status says why (a device not on Tailscale, or named otherwise)
            return new Attempt(true, "no device " + hostname + " of " + owner + " in the tailnet", Optional.empty());
        }
        boolean compliant = "compliant".equals(event.path("current").asText());
        String status = "revoked".equals(event.path("current").asText()) ? "REVOKED"
                : event.path("stale").asBoolean(false) ? "NOTSEEN" : event.path("status").asText("UNKNOWN").toUpperCase(Locale.ROOT);
        Instant at = Instant.parse(event.path("occurredAt").asText(clock.instant().toString()));
        String expiry = at.plus(Deliveries.STALE).toString();
        for (var attribute : java.util.List.of(new Object[] {"custom:auscultCompliant", compliant}, new Object[] {"custom:auscultStatus", status})) {
            ObjectNode body = json.createObjectNode().put("expiry", expiry).put("comment", "set by Auscult: " + event.path("reason").asText(""));
            if (attribute[1] instanceof Boolean b) {
                body.put("value", b);
            } else {
                body.put("value", (String) attribute[1]);
            }
            HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(api + "/device/" + URLEncoder.encode(id.get(), StandardCharsets.UTF_8)
                            + "/attributes/" + URLEncoder.encode((String) attribute[0], StandardCharsets.UTF_8).replace("%3A", ":")))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("User-Agent", "Auscult-Server").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (set.statusCode() / 100 != 2) {
                return failed(set, "setting " + attribute[0]);
            }
        }
        return new Attempt(true, "set on " + id.get() + ": compliant " + compliant + ", " + status, Optional.empty());
    }

    /** The tailnet's device with this host name whose user is the owner (Tailscale's login is the e-mail address). */
    static Optional<String> find(JsonNode devices, String hostname, String owner) {
        for (JsonNode d : devices.path("devices")) {
            boolean host = d.path("hostname").asText("").equalsIgnoreCase(hostname)
                    || d.path("name").asText("").toLowerCase(Locale.ROOT).startsWith(hostname.toLowerCase(Locale.ROOT) + ".");
            if (!hostname.isBlank() && host && d.path("user").asText("").equalsIgnoreCase(owner)) {
                String id = d.path("nodeId").asText(d.path("id").asText(""));
                return id.isBlank() ? Optional.empty() : Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private Attempt failed(HttpResponse<String> r, String what) {
        return new Attempt(false, "HTTP " + r.statusCode() + " " + what,
                r.headers().firstValue("Retry-After").flatMap(v -> DeliveryWorker.retryAfter(v, clock.instant())));
    }
}
