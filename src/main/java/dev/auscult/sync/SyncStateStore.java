package dev.auscult.sync;

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
import java.time.Instant;
import java.util.Optional;

/** activation.json (who this device is to the backend) and sync-state.json (how uploads are going). */
public final class SyncStateStore {

    /** Upload and policy status, for `auscult status` and the window. */
    public record SyncState(Optional<Instant> lastUploadAt, Optional<String> lastError, long droppedReports,
                            boolean reactivationNeeded, Optional<String> policyVersion) {
        public static SyncState empty() {
            return new SyncState(Optional.empty(), Optional.empty(), 0, false, Optional.empty());
        }
    }

    private final Path activationFile;
    private final Path stateFile;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SyncStateStore(Path configDir, Path stateDir) {
        this.activationFile = configDir.resolve("activation.json");
        this.stateFile = stateDir.resolve("sync-state.json");
    }

    public Optional<ActivationRecord> activation() throws IOException {
        JsonNode n;
        try {
            n = read(activationFile);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw damaged("it is not valid JSON");
        }
        if (n == null) {
            return Optional.empty();
        }
        // An empty or partial file is damage (a full disk, a hand edit), not "never activated": say so.
        if (n.isMissingNode() || !n.isObject() || !n.hasNonNull("deviceId")) {
            throw damaged(n.isMissingNode() ? "it is empty" : "it has no deviceId");
        }
        try {
            return Optional.of(new ActivationRecord(n.get("deviceId").asText(), n.path("accountId").asText(), n.path("email").asText(),
                    URI.create(n.path("backend").asText()), n.path("deviceUuid").asText(), Instant.parse(n.path("activatedAt").asText())));
        } catch (RuntimeException e) {
            throw damaged("a field is not readable");
        }
    }

    private IOException damaged(String why) {
        return new IOException(activationFile + " is damaged (" + why + "); activate again with: auscult activate --force …");
    }

    public void saveActivation(ActivationRecord a) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("deviceId", a.deviceId());
        n.put("accountId", a.accountId());
        n.put("email", a.email());
        n.put("backend", a.backend().toString());
        n.put("deviceUuid", a.deviceUuid());
        n.put("activatedAt", a.activatedAt().toString());
        AtomicFiles.write(activationFile, json.writeValueAsString(n) + "\n");
    }

    public SyncState state() {
        try {
            JsonNode n = read(stateFile);
            if (n == null) {
                return SyncState.empty();
            }
            return new SyncState(n.hasNonNull("lastUploadAt") ? Optional.of(Instant.parse(n.get("lastUploadAt").asText())) : Optional.empty(),
                    n.hasNonNull("lastError") ? Optional.of(n.get("lastError").asText()) : Optional.empty(),
                    n.path("droppedReports").asLong(0), n.path("reactivationNeeded").asBoolean(false),
                    n.hasNonNull("policyVersion") ? Optional.of(n.get("policyVersion").asText()) : Optional.empty());
        } catch (IOException | RuntimeException e) {
            return SyncState.empty(); // a damaged state file only loses statistics, never reports
        }
    }

    public synchronized void saveState(SyncState s) throws IOException {
        ObjectNode n = json.createObjectNode();
        s.lastUploadAt().ifPresent(t -> n.put("lastUploadAt", t.toString()));
        s.lastError().ifPresent(e -> n.put("lastError", e));
        n.put("droppedReports", s.droppedReports());
        n.put("reactivationNeeded", s.reactivationNeeded());
        s.policyVersion().ifPresent(v -> n.put("policyVersion", v));
        AtomicFiles.write(stateFile, json.writeValueAsString(n) + "\n");
    }

    private JsonNode read(Path file) throws IOException {
        try {
            return json.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
