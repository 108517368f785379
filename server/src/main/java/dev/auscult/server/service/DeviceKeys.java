package dev.auscult.server.service;

import dev.auscult.server.store.Device;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.DeviceStore;
import dev.auscult.server.store.Tx;

/**
 * Replacing a device's key (contract 1.5). An administrator asks; the device learns it from the next answer it gets
 * (the {@code deviceKey: "rotate"} response extension), makes a new key and registers it in a request signed with the
 * key it has — so only the device itself can replace its key — carrying a proof signed by the new key, so nobody can
 * register a public key whose private half they do not hold. Registering the key the device already has is answered
 * as done: an agent that crashed after the server took its new key, before it kept it, can finish the rotation.
 */
public final class DeviceKeys {

    /** What the device sends: its new public key (a JWK), where it is held, and the new key's proof of possession. */
    public record NewKey(String publicJwk, Optional<String> binding, String possession) {
    }

    /** The key the server now holds for the device. */
    public record Registered(String thumbprint, String binding) {
    }

    /** The JWS type of the possession proof, so no other token signed by a device key can stand in for it. */
    public static final String POSSESSION_TYPE = "auscult-key+jwt";

    private final Tx tx;
    private final Audit audit;
    private final Clock clock;

    public DeviceKeys(Tx tx, Audit audit, Clock clock) {
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** An administrator asks the device to make a new key; it does so at its next contact (reports go every scan). */
    public void askRotation(Account account, String deviceId, Actor by) {
        by.require(Role.Permission.DEVICES, account.id());
        String actor = by.audited();
        tx.use(s -> {
            Optional<String> thumbprint = s.devices().activeKey(account, deviceId).map(DeviceStore.KeyOf::thumbprint)
                    .orElseThrow(() -> new IllegalArgumentException("no active device " + deviceId + " in this account"));
            if (thumbprint.isEmpty()) {
                throw new IllegalArgumentException("device " + deviceId + " has no key of its own (token only): activate it again with a "
                        + "current agent to give it one");
            }
            s.devices().askKeyRotation(account, deviceId, clock.instant());
            audit.record(Optional.of(account.id()), actor, "device.key-rotation-asked", "device " + deviceId + " asked to replace its key "
                    + thumbprint.get().substring(0, 12) + "…");
        });
    }

    /**
     * The device registers its new key. The request itself has already been proven with the key the device has now
     * ({@link DeviceProofs#check}); here the new key proves itself.
     */
    public Registered register(Devices.Caller caller, NewKey key) {
        ECKey fresh = DeviceProofs.publicKey(key.publicJwk());
        String binding = key.binding().orElse("software");
        if (!Devices.BINDINGS.contains(binding)) {
            throw new ApiError(ApiError.Code.BAD_REQUEST, "keyBinding must be tpm, secure-enclave or software");
        }
        checkPossession(caller, fresh, key.possession());
        String thumbprint = DeviceProofs.thumbprint(fresh);
        Instant now = clock.instant();
        return tx.run(s -> {
            Optional<String> current = s.devices().activeKey(caller.account(), caller.deviceId()).map(DeviceStore.KeyOf::thumbprint)
                    .orElseThrow(() -> new ApiError(ApiError.Code.UNAUTHENTICATED, "this device has been revoked"));
            if (current.isEmpty()) {
                // A token-only device has nothing to prove a new key with: a copied token must not be able to bind one.
                throw new ApiError(ApiError.Code.FORBIDDEN, "a device without a key of its own gets one by activating again");
            }
            if (current.get().equals(thumbprint)) {
                return new Registered(thumbprint, binding);   // already registered: the agent finishing an interrupted rotation
            }
            // the old key's one-time IDs go with it
            s.devices().replaceKey(caller.account(), caller.deviceId(), fresh.toPublicJWK().toJSONString(), thumbprint, binding, now);
            audit.record(Optional.of(caller.accountId()), caller.ownerEmail(), "device.key-rotated", "device " + caller.deviceId()
                    + " replaced its key " + current.get().substring(0, 12) + "… with " + thumbprint.substring(0, 12) + "… ("
                    + Device.heldIn(binding) + ")");
            return new Registered(thumbprint, binding);
        });
    }

    private void checkPossession(Devices.Caller caller, ECKey fresh, String possession) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(possession);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !new JOSEObjectType(POSSESSION_TYPE).equals(jwt.getHeader().getType())
                    || !jwt.verify(new ECDSAVerifier(fresh))) {
                throw refused(caller, "the new key's proof is not signed by the new key");
            }
            if (!caller.deviceId().equals(jwt.getJWTClaimsSet().getSubject())) {
                throw refused(caller, "the new key's proof names another device");
            }
            Instant iat = Optional.ofNullable(jwt.getJWTClaimsSet().getIssueTime()).map(java.util.Date::toInstant).orElse(Instant.EPOCH);
            if (Duration.between(iat, clock.instant()).abs().compareTo(DeviceProofs.WINDOW) > 0) {
                throw refused(caller, "the new key's proof is not from now");
            }
        } catch (ParseException | JOSEException e) {
            throw refused(caller, "the new key's proof is not a signed JWT");
        }
    }

    private ApiError refused(Devices.Caller caller, String why) {
        audit.record(Optional.of(caller.accountId()), caller.ownerEmail(), "device.key-rotation-refused", "device " + caller.deviceId() + ": " + why);
        return new ApiError(ApiError.Code.BAD_REQUEST, "the new key was not registered: " + why);
    }
}
