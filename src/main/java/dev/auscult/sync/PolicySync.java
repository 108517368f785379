package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyException;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The backend's policy for this device: fetched, validated, cached. A policy that fails validation is
 * refused with the reason, and the last good one stays in force.
 */
public final class PolicySync {

    /** The policy in force from the backend, and its version. */
    public record BackendPolicy(String version, Policy policy) {
    }

    private final Path cacheFile;
    private final SyncStateStore state;
    private final CredentialStore credentials;
    private final Map<String, String> environment;
    private final PolicyLoader loader = new PolicyLoader();
    private final ObjectMapper json = new ObjectMapper();

    public PolicySync(Path cacheFile, SyncStateStore state, CredentialStore credentials, Map<String, String> environment) {
        this.cacheFile = cacheFile;
        this.state = state;
        this.credentials = credentials;
        this.environment = environment;
    }

    /**
     * The cache file as last parsed: what it said and the file's stamp when it was read — modified time, size and file
     * key (the inode: a refresh replaces the file atomically, so a new policy is a new file even within one tick).
     */
    private record Parsed(java.nio.file.attribute.FileTime modified, long size, Object fileKey, Optional<BackendPolicy> policy) {
    }

    private volatile Parsed parsed;

    /**
     * The cached policy, if a good one was ever received. Parsed once per change of the file (a refresh, or another
     * process's): every scan asks, and a policy is not re-parsed for each of them.
     */
    public Optional<BackendPolicy> cached() {
        try {
            var attributes = Files.readAttributes(cacheFile, java.nio.file.attribute.BasicFileAttributes.class);
            Parsed p = parsed;
            if (p != null && p.modified().equals(attributes.lastModifiedTime()) && p.size() == attributes.size()
                    && java.util.Objects.equals(p.fileKey(), attributes.fileKey())) {
                return p.policy();
            }
            JsonNode n = json.readTree(Files.readString(cacheFile));
            String version = n.path("version").asText();
            Optional<BackendPolicy> policy = Optional.of(new BackendPolicy(version,
                    loader.parse("backend policy " + version, n.path("document").asText(), "backend policy")));
            parsed = new Parsed(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(), policy);
            return policy;
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | PolicyException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks the backend; returns the policy now in force. Throws when the backend refuses or cannot be
     * reached, or when its policy is invalid (the cached one then stays).
     */
    public Optional<BackendPolicy> refresh() throws BackendException, IOException, PolicyException {
        Optional<ActivationRecord> a = state.activation();
        if (a.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApiToken> token = credentials.load(a.get().accountId());
        if (token.isEmpty()) {
            throw new BackendException(BackendException.Kind.UNAUTHORIZED, "the device's token is missing");
        }
        Optional<BackendPolicy> current = cached();
        Map<String, Object> vars = new HashMap<>();
        vars.put("deviceId", a.get().deviceId());
        current.ifPresent(c -> vars.put("knownVersion", c.version()));
        JsonNode doc;
        try {
            doc = new BackendClient(a.get().backend(), Duration.ofSeconds(20), environment).signedBy(DeviceKey.load(state.deviceKeyFile()))
                    .execute("DevicePolicy", vars, a.get().accountId(), token).path("devicePolicy");
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.UNAUTHORIZED, "the device key cannot be read: " + e.getMessage());
        }
        String version = doc.path("version").asText("");
        if (!doc.hasNonNull("document")) {
            return current;
        }
        String text = doc.get("document").asText();
        Policy policy;
        try {
            policy = loader.parse("backend policy " + version, text, "backend policy");
        } catch (PolicyException e) {
            SyncStateStore.SyncState s = state.state();
            state.saveState(new SyncStateStore.SyncState(s.lastUploadAt(), Optional.of("the backend sent an invalid policy (version " + version
                    + "); the previous policy stays in force: " + e.getMessage()), s.droppedReports(), s.reactivationNeeded(), s.policyVersion()));
            throw e;
        }
        ObjectNode cache = json.createObjectNode();
        cache.put("version", version);
        cache.put("document", text);
        AtomicFiles.write(cacheFile, json.writeValueAsString(cache));
        SyncStateStore.SyncState s = state.state();
        state.saveState(new SyncStateStore.SyncState(s.lastUploadAt(), s.lastError(), s.droppedReports(), s.reactivationNeeded(), Optional.of(version)));
        return Optional.of(new BackendPolicy(version, policy));
    }
}
