package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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

    /** activation.json as stored: text fields, checked when turned into an {@link ActivationRecord}. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record ActivationFile(String deviceId, String accountId, String email, String backend, String deviceUuid, String activatedAt) {
        static ActivationFile of(ActivationRecord a) {
            return new ActivationFile(a.deviceId(), a.accountId(), a.email(), a.backend().toString(), a.deviceUuid(), a.activatedAt().toString());
        }

        ActivationRecord toRecord() {
            return new ActivationRecord(deviceId, accountId, email, URI.create(backend), deviceUuid, Instant.parse(activatedAt));
        }
    }

    /** sync-state.json as stored; absent values are left out of the file. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record StateFile(String lastUploadAt, String lastError, long droppedReports, boolean reactivationNeeded, String policyVersion) {
        static StateFile of(SyncState s) {
            return new StateFile(s.lastUploadAt().map(Instant::toString).orElse(null), s.lastError().orElse(null), s.droppedReports(),
                    s.reactivationNeeded(), s.policyVersion().orElse(null));
        }

        SyncState toState() {
            return new SyncState(Optional.ofNullable(lastUploadAt).map(Instant::parse), Optional.ofNullable(lastError), droppedReports,
                    reactivationNeeded, Optional.ofNullable(policyVersion));
        }
    }

    private final Path activationFile;
    private final Path stateFile;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path deviceKeyFile;

    public SyncStateStore(Path configDir, Path stateDir) {
        this.deviceKeyFile = configDir.resolve("device-key.json");
        this.activationFile = configDir.resolve("activation.json");
        this.stateFile = stateDir.resolve("sync-state.json");
    }

    /** Where this device's key lives (0600); absent for a device activated by an older agent (token only). */
    public Path deviceKeyFile() {
        return deviceKeyFile;
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
            return Optional.of(json.treeToValue(n, ActivationFile.class).toRecord());
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            throw damaged("a field is not readable");
        }
    }

    private IOException damaged(String why) {
        return new IOException(activationFile + " is damaged (" + why + "); activate again with: auscult activate --force …");
    }

    public void saveActivation(ActivationRecord a) throws IOException {
        AtomicFiles.write(activationFile, json.writeValueAsString(ActivationFile.of(a)) + "\n");
    }

    public SyncState state() {
        try {
            JsonNode n = read(stateFile);
            if (n == null || !n.isObject()) {
                return SyncState.empty();
            }
            return json.treeToValue(n, StateFile.class).toState();
        } catch (IOException | RuntimeException e) {
            return SyncState.empty(); // a damaged state file only loses statistics, never reports
        }
    }

    public synchronized void saveState(SyncState s) throws IOException {
        AtomicFiles.write(stateFile, json.writeValueAsString(StateFile.of(s)) + "\n");
    }

    private JsonNode read(Path file) throws IOException {
        try {
            return json.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
