package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code devices} table: every method but one takes the account whose devices it reads or changes. */
public interface DeviceStore {

    /** What a new device's row holds: its owner, what its agent said of it, its token's hash and its key if it has one. */
    record NewDevice(String id, String ownerEmail, String deviceUuid, String tokenHash, String platform, Optional<String> osName,
                     Optional<String> osVersion, Optional<String> hostname, Optional<String> hardwareModel, Optional<String> hardwareSerial,
                     String agentVersion, Optional<String> publicJwk, Optional<String> keyThumbprint, Optional<String> keyBinding, Instant at) {
    }

    /** The active device a token hash names, and the account it belongs to. */
    record TokenHolder(String deviceId, Account account, String ownerEmail, String tokenHash, boolean keyRotationAsked) {
    }

    /** What a stored report moves the device's row to. */
    record Reported(String reportId, Optional<String> status, Optional<String> osName, Optional<String> osVersion, Optional<String> hostname,
                    String agentVersion, Instant at) {
    }

    /** An active device's key as registered: empty values for a token-only device (activated by an agent without a key). */
    record KeyOf(String deviceId, String ownerEmail, Optional<String> thumbprint, Optional<String> publicJwk, Optional<String> latestStatus) {
    }

    /**
     * The one lookup across accounts: a bearer token is all a device shows, and its row says which account it is in.
     * The caller compares the hash it asked for with the one returned in constant time.
     */
    Optional<TokenHolder> activeByTokenHashAcrossAccounts(String tokenHash);

    void insert(Account account, NewDevice device);

    /** The owner's earlier identities on the same hardware stop working (a reinstall); returns how many. */
    int revokeOwnersEarlier(Account account, String deviceUuid, String ownerEmail, Instant at);

    /** Other people's active devices on the same hardware, as "id (e-mail)", for the audit log. */
    List<String> othersOnHardware(Account account, String deviceUuid, String ownerEmail);

    /** Revokes the person's active devices (off-boarding); returns their ids. */
    List<String> revokeOwners(Account account, String ownerEmail, Instant at);

    /** False when the account has no such active device. */
    boolean revoke(Account account, String deviceId, Instant at);

    List<Device> list(Account account, boolean includeRevoked);


    Optional<Device> find(Account account, String deviceId);

    /** The device was heard from (a report it had sent already). */
    void seen(Account account, String deviceId, Instant at);

    /** A new report was stored: the device's latest report and status, what it said of itself, and that it is heard from again. */
    void reported(Account account, String deviceId, Reported report);

    /** The key of the account's active device; empty when there is no such active device. */
    Optional<KeyOf> activeKey(Account account, String deviceId);

    /** The account's active device holding the key with this thumbprint (a signed answer names its key, not its device). */
    Optional<KeyOf> activeByKey(Account account, String thumbprint);

    /** Marks that an administrator wants the device to make a new key; false when the account has no such active device. */
    boolean askKeyRotation(Account account, String deviceId, Instant at);

    /** The device's new key replaces its old one, whose one-time proof IDs are forgotten with it. */
    void replaceKey(Account account, String deviceId, String publicJwk, String thumbprint, String binding, Instant at);

    /**
     * Spends a request proof's one-time ID (and forgets the device's IDs older than {@code forgetBefore}): false when the
     * device used it before — a replayed request.
     */
    boolean spendProofId(Account account, String deviceId, String jti, Instant at, Instant forgetBefore);
}
