package dev.auscult.app;

import dev.auscult.localapi.AnswerSigner;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.DeviceKey;
import dev.auscult.sync.SyncStateStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Signs the local API's answers with the key this device registered with its server. Read at each answer, so a key
 * replaced on the server's request signs from the next answer on; a device that is not activated, or has no key,
 * answers unsigned.
 */
public final class DeviceAnswerSigner implements AnswerSigner {

    private static final System.Logger LOG = System.getLogger(DeviceAnswerSigner.class.getName());

    private final SyncStateStore state;
    private final Clock clock;

    public DeviceAnswerSigner(SyncStateStore state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    @Override
    public Optional<String> sign(byte[] body, String origin, Optional<String> nonce) {
        try {
            Optional<ActivationRecord> activation = state.activation();
            Optional<DeviceKey> key = activation.isPresent() ? DeviceKey.load(state.deviceKeyFile()) : Optional.empty();
            return key.map(k -> k.signAnswer(body, origin, nonce, activation.get().deviceId(), clock.instant()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the device key could not be read to sign a local API answer: {0}", e.getMessage());
            return Optional.empty();
        }
    }
}
