package dev.auscult.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.storage.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A copy of the last payload each destination accepted, so the person at the laptop can read exactly what
 * left it. Only the body is kept: the token travels in a header and is never part of what is stored here.
 * Owner-only files, written atomically — a crash leaves the previous copy, never half of one.
 */
public final class SentPayloads {

    /** Where reports go. The key names the file and the JSON field. */
    public enum Destination {
        BACKEND("backend"),
        JUPITERONE("jupiterone");

        private final String key;

        Destination(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** One delivered payload: where it went (scheme, host, port and path only), when, and the body. */
    public record Sent(Destination destination, URI endpoint, Instant sentAt, JsonNode payload) {
    }

    private final Path dir;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SentPayloads(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /**
     * The body of a ReportScan call as the backend receives it, with the report (sent as JSON text) shown
     * as JSON so it can be read. Built here for both the upload record and the preview before activation.
     */
    public static ObjectNode backendPayload(String deviceId, String reportId, String reportJson) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("operation", "ReportScan");
        ObjectNode input = root.putObject("variables").putObject("input");
        input.put("deviceId", deviceId);
        input.put("reportId", reportId);
        input.set("report", m.readTree(reportJson));
        return root;
    }

    public void record(Destination destination, URI endpoint, JsonNode payload) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("destination", destination.key());
        root.put("endpoint", withoutUserInfo(endpoint).toString());
        root.put("sentAt", clock.instant().toString());
        root.set("payload", payload);
        AtomicFiles.writePrivate(file(destination), json.writeValueAsString(root) + "\n");
    }

    /** The last delivery to {@code destination}; empty if nothing was ever sent there. */
    public Optional<Sent> last(Destination destination) throws IOException {
        Path f = file(destination);
        String text;
        try {
            text = Files.readString(f);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode root = json.readTree(text);
            JsonNode payload = root.get("payload");
            if (payload == null || !root.path("sentAt").isTextual() || !root.path("endpoint").isTextual()) {
                throw new IOException("the copy of the last payload sent (" + f + ") is incomplete; it is replaced at the next upload");
            }
            return Optional.of(new Sent(destination, URI.create(root.get("endpoint").asText()), Instant.parse(root.get("sentAt").asText()),
                    payload));
        } catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException e) {
            throw new IOException("the copy of the last payload sent (" + f + ") is damaged; it is replaced at the next upload");
        }
    }

    public String pretty(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private Path file(Destination d) {
        return dir.resolve(d.key() + ".json");
    }

    /** A URL could carry credentials in its user-info or query; what we keep and show is only where it went. */
    static URI withoutUserInfo(URI u) {
        try {
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null);
        } catch (java.net.URISyntaxException e) {
            return URI.create(u.getScheme() + "://" + u.getHost());
        }
    }
}
