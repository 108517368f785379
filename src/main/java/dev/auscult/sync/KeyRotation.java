package dev.auscult.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replaces this device's key when the server asks (contract 1.5: an administrator clicked "Ask for a new device key").
 * The new key is made — in the TPM or Secure Enclave when there is one, as at activation — and kept beside the current one until the
 * server has registered it in a request signed with the current key. Only then does it become the device's key, so
 * no crash leaves the device with a key the server does not know:
 * <ul>
 *   <li>crash before the server took it: the next rotation sends the same pending key again;</li>
 *   <li>crash after the server took it, before it was kept: the current key is refused, the pending key is the one
 *       the server holds, and registering it again (signed with itself) is answered as done.</li>
 * </ul>
 */
public final class KeyRotation {

    private static final System.Logger LOG = System.getLogger(KeyRotation.class.getName());

    private final SyncStateStore state;
    private final Clock clock;
    private final Supplier<HardwareKeys> hardware;
    private final Map<String, String> environment;

    public KeyRotation(SyncStateStore state, Clock clock, Map<String, String> environment) {
        this(state, clock, HardwareKeys::forThisMachine, environment);
    }

    KeyRotation(SyncStateStore state, Clock clock, Supplier<HardwareKeys> hardware, Map<String, String> environment) {
        this.state = state;
        this.clock = clock;
        this.hardware = hardware;
        this.environment = environment;
    }

    /** Where a new key waits for the server: beside the device's key, never in its place. */
    public Path pendingFile() {
        return state.deviceKeyFile().resolveSibling("device-key.next.json");
    }

    /** Makes and registers a new key; returns its thumbprint. Nothing changes on this device unless the server took it. */
    public String rotate(ActivationRecord a, ApiToken token) throws IOException, BackendException {
        Path file = state.deviceKeyFile();
        DeviceKey current = DeviceKey.load(file).orElseThrow(() -> new IOException("this device has no key to replace (token only)"));
        DeviceKey next = pending().orElse(null);
        if (next != null && next.thumbprint().equals(current.thumbprint())) {
            DeviceKey.delete(pendingFile());   // promoted already, the pending file left by a crash
            next = null;
        }
        if (next == null) {
            DeviceKey.generate(pendingFile(), hardware.get()).savePending(pendingFile());
            next = DeviceKey.load(pendingFile()).orElseThrow();
        }
        Map<String, Object> input = Map.of("input", Map.of("deviceId", a.deviceId(), "publicKey", next.publicJwk(),
                "keyBinding", next.binding().key(), "possessionProof", next.possession(a.deviceId(), clock.instant())));
        try {
            register(a, token, current, input);
        } catch (BackendException refused) {
            if (refused.kind() != BackendException.Kind.UNAUTHORIZED) {
                throw refused;
            }
            // The server may have taken the new key before a crash kept it here: then only the new key is accepted.
            register(a, token, next, input);
        }
        DeviceKey.promote(pendingFile(), file);
        LOG.log(System.Logger.Level.INFO, "the device key was replaced, as the server asked ({0}, {1})", next.binding().key(),
                next.thumbprint().substring(0, 12));
        return next.thumbprint();
    }

    private Optional<DeviceKey> pending() {
        try {
            return DeviceKey.load(pendingFile());
        } catch (IOException damaged) {
            LOG.log(System.Logger.Level.WARNING, "a half-made new device key is unreadable and is made again: {0}", damaged.getMessage());
            try {
                DeviceKey.delete(pendingFile());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "it could not be deleted: {0}", e.getMessage());
            }
            return Optional.empty();
        }
    }

    private void register(ActivationRecord a, ApiToken token, DeviceKey signer, Map<String, Object> input) throws BackendException {
        new BackendClient(a.backend(), Duration.ofSeconds(60), environment).signedBy(Optional.of(signer))
                .execute("RotateDeviceKey", input, a.accountId(), Optional.of(token));
    }
}
