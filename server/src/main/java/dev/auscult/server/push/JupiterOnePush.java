package dev.auscult.server.push;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.ClaimedDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.report.ReportSummary;
import dev.auscult.server.service.Deliveries;
import dev.auscult.sync.ApiToken;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.JupiterOneEntities;
import dev.auscult.sync.JupiterOneSyncClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a device's posture into the organisation's JupiterOne account from the server: one API key for the whole
 * organisation instead of one per device. The graph is the one the agent's own upload writes (same entities, keys and
 * scope — {@link JupiterOneEntities}, from the report as sent), made from the device's latest report when the
 * delivery goes, through J1's public Synchronization API (a DIFF job per device). A revoked device's scope is emptied;
 * a device not seen for a day keeps its last graph with its agent marked not compliant, status NOTSEEN.
 */
final class JupiterOnePush {

    private final Deliveries deliveries;
    private final ObjectMapper json = new ObjectMapper();

    JupiterOnePush(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    Attempt send(ClaimedDelivery d) {
        JsonNode event;
        try {
            event = json.readTree(d.payload());
        } catch (IOException e) {
            return new Attempt(false, "the event is damaged", Optional.empty());
        }
        try {
            // polled briefly: a job still running is JupiterOne's to finish, not a reason to send the graph again
            JupiterOneSyncClient client = new JupiterOneSyncClient(URI.create(d.url()), d.audience().orElseThrow(), new ApiToken(d.secret().orElseThrow()),
                    Map.of(), Duration.ofSeconds(1), 5);
            if (event.path("test").asBoolean(false)) {
                return new Attempt(true, "test: job " + client.clear(JupiterOneEntities.scope("auscult-test")), Optional.empty());
            }
            Optional<Deliveries.Reported> device = deliveries.reported(d.account(), d.deviceId());
            if (device.isEmpty()) {
                return new Attempt(true, "the device is gone; nothing to write", Optional.empty());
            }
            String scope = JupiterOneEntities.scope(device.get().deviceUuid());
            if (d.eventType().equals(Deliveries.REVOKED)) {
                return new Attempt(true, "revoked: scope emptied (" + client.clear(scope) + ")", Optional.empty());
            }
            if (device.get().report().isEmpty()) {
                return new Attempt(true, "no report yet; nothing to write", Optional.empty());
            }
            JupiterOneEntities.Graph graph = JupiterOneEntities.of(ReportSummary.parse(device.get().report().get()), device.get().deviceUuid(),
                    Optional.of(device.get().owner()));
            if (event.path("stale").asBoolean(false)) {
                graph = notSeen(graph, event.path("reason").asText());
            }
            return new Attempt(true, "job " + client.upload(scope, graph), Optional.empty());
        } catch (BackendException e) {
            return new Attempt(false, e.getMessage(), e.retryAfter());
        } catch (IllegalArgumentException e) {
            return new Attempt(false, "the device's latest report cannot be read: " + e.getMessage(), Optional.empty());
        }
    }

    /** The last graph with the agent marked not compliant and why: J1 queries on the agent see a silent device as failing. */
    private static JupiterOneEntities.Graph notSeen(JupiterOneEntities.Graph graph, String reason) {
        List<Map<String, Object>> entities = new ArrayList<>();
        for (Map<String, Object> e : graph.entities()) {
            if ("auscult_agent".equals(e.get("_type"))) {
                Map<String, Object> agent = new java.util.LinkedHashMap<>(e);
                agent.put("compliant", false);
                agent.put("status", "NOTSEEN");
                agent.put("notSeen", reason);
                entities.add(agent);
            } else {
                entities.add(e);
            }
        }
        return new JupiterOneEntities.Graph(entities, graph.relationships());
    }
}
