package dev.auscult.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.posture.ScanReport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the newest scan to JupiterOne. A DIFF job replaces the device's whole scope, so only the latest
 * report matters: the queue holds one, and an older one waiting is superseded by a newer scan.
 */
public final class JupiterOneUploader {

    /** J1 settings from the managed configuration; the API key is read from a file an admin protects. */
    public record Settings(URI baseUrl, String accountId, Path apiKeyFile) {
        public static final URI DEFAULT_BASE = URI.create("https://api.us.jupiterone.io");
    }

    private final Settings settings;
    private final Outbox queue;
    private final Map<String, String> environment;
    private final ObjectMapper json = new ObjectMapper();
    private final Optional<SentPayloads> sent;

    public JupiterOneUploader(Settings settings, Path queueDir, java.time.Clock clock, Map<String, String> environment) {
        this(settings, queueDir, clock, environment, Optional.empty());
    }

    /** With {@code sent}, each graph JupiterOne accepted is also kept as the last payload sent, for the user to read. */
    public JupiterOneUploader(Settings settings, Path queueDir, java.time.Clock clock, Map<String, String> environment,
                              Optional<SentPayloads> sent) {
        this.sent = sent;
        this.settings = settings;
        this.queue = new Outbox(queueDir, 1, clock);
        this.environment = environment;
    }

    /** Queues the scan as the graph to write (built now: the queue then never needs to read reports back). */
    public void enqueue(ScanReport report, String deviceUuid, Optional<String> ownerEmail) throws IOException {
        JupiterOneEntities.Graph g = JupiterOneEntities.of(report, deviceUuid, ownerEmail);
        queue.add(json.writeValueAsString(Map.of("scope", JupiterOneEntities.scope(deviceUuid), "entities", g.entities(),
                "relationships", g.relationships())));
    }

    /** Uploads the waiting graph, if any; returns the job's final status. */
    @SuppressWarnings("unchecked")
    public Optional<String> drain() throws IOException, BackendException {
        var entries = queue.entries();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Outbox.Entry newest = entries.getLast();
        Optional<String> text = queue.read(newest);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> stored = json.readValue(text.get(), Map.class);
        JupiterOneEntities.Graph graph = new JupiterOneEntities.Graph((java.util.List<Map<String, Object>>) stored.get("entities"),
                (java.util.List<Map<String, Object>>) stored.get("relationships"));
        String key = Files.readString(settings.apiKeyFile()).strip();
        JupiterOneSyncClient client = new JupiterOneSyncClient(settings.baseUrl(), settings.accountId(), new ApiToken(key), environment,
                Duration.ofSeconds(5), 24);
        String status = client.upload((String) stored.get("scope"), graph);
        queue.remove(newest);
        if (sent.isPresent()) {
            try {
                sent.get().record(SentPayloads.Destination.JUPITERONE, settings.baseUrl(), json.readTree(text.get()));
            } catch (IOException | RuntimeException ex) {
                // a courtesy copy for the user; the upload itself is done
                System.getLogger(JupiterOneUploader.class.getName()).log(System.Logger.Level.WARNING,
                        "the copy of the last graph sent could not be kept: {0}", ex.getMessage());
            }
        }
        return Optional.of(status);
    }
}
