package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.posture.DeviceFacts;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Activation: exchange a one-time code for a device identity and token, and keep both safe. */
public final class Activator {

    /** Activation was refused before any call: the device is already activated (use force). */
    public static final class AlreadyActivated extends Exception {
        public AlreadyActivated(ActivationRecord existing) {
            super("this device is already activated for account " + existing.accountId() + " (" + existing.email()
                    + "); use --force to activate it again");
        }
    }

    private final SyncStateStore state;
    private final CredentialStore credentials;
    private final Clock clock;
    private final String agentVersion;
    private final Map<String, String> environment;

    public Activator(SyncStateStore state, CredentialStore credentials, Clock clock, String agentVersion, Map<String, String> environment) {
        this.state = state;
        this.credentials = credentials;
        this.clock = clock;
        this.agentVersion = agentVersion;
        this.environment = environment;
    }

    public ActivationRecord activate(URI backend, String email, String accountId, String code, DeviceFacts device, String deviceUuid,
                                     boolean force) throws BackendException, IOException, AlreadyActivated {
        Optional<ActivationRecord> existing = state.activation();
        if (existing.isPresent() && !force) {
            throw new AlreadyActivated(existing.get());
        }
        // the address as people get it (the server's, its console's) or the API's own: the record keeps the API's,
        // which every later upload and policy fetch uses
        URI api = ServerDiscovery.resolve(backend, accountId, Duration.ofSeconds(20), environment).graphql();
        Map<String, Object> facts = new HashMap<>();
        facts.put("platform", device.platform().key());
        device.osName().ifPresent(v -> facts.put("osName", v));
        device.osVersion().ifPresent(v -> facts.put("osVersion", v));
        device.deviceName().ifPresent(v -> facts.put("hostname", v));
        device.hardwareModel().ifPresent(v -> facts.put("hardwareModel", v));
        device.hardwareSerial().ifPresent(v -> facts.put("hardwareSerial", v));
        Map<String, Object> input = new HashMap<>();
        input.put("email", email);
        input.put("accountId", accountId);
        input.put("code", code);
        input.put("deviceUuid", deviceUuid);
        input.put("agentVersion", agentVersion);
        input.put("device", facts);
        // a new key with every activation; kept only once the server has accepted it (a failed re-activation keeps the old one)
        // in the TPM where this user may use one (it cannot be copied), else in software
        DeviceKey key = DeviceKey.generate(state.deviceKeyFile(), HardwareKeys.forThisMachine());
        input.put("publicKey", key.publicJwk());
        input.put("keyBinding", key.binding().key());
        JsonNode data = new BackendClient(api, Duration.ofSeconds(20), environment)
                .execute("ActivateDevice", Map.of("input", input), accountId, Optional.empty()).path("activateDevice");
        if (!data.hasNonNull("deviceId") || !data.hasNonNull("apiToken")) {
            throw new BackendException(BackendException.Kind.REJECTED, "the backend's activation answer lacks a device id or token");
        }
        ApiToken token = new ApiToken(data.get("apiToken").asText());
        key.save(state.deviceKeyFile());
        credentials.save(accountId, token);
        ActivationRecord record = new ActivationRecord(data.get("deviceId").asText(), accountId, email, api, deviceUuid, clock.instant());
        state.saveActivation(record);
        state.saveState(SyncStateStore.SyncState.empty());
        return record;
    }
}
