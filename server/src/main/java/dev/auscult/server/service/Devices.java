package dev.auscult.server.service;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.Device;
import dev.auscult.server.store.DeviceStore;
import dev.auscult.server.store.Organisation;
import dev.auscult.server.store.Tx;

/** Devices: activation (code → identity and token), authentication of every agent call, listing, revoking. */
public final class Devices {

    /** What the agent says about itself when activating. */
    public record ActivationRequest(String accountId, String email, String code, String deviceUuid, String agentVersion,
                                    String platform, Optional<String> osName, Optional<String> osVersion, Optional<String> hostname,
                                    Optional<String> hardwareModel, Optional<String> hardwareSerial, Optional<String> publicKey,
                                    Optional<String> keyBinding) {

        public ActivationRequest(String accountId, String email, String code, String deviceUuid, String agentVersion, String platform,
                                 Optional<String> osName, Optional<String> osVersion, Optional<String> hostname, Optional<String> hardwareModel,
                                 Optional<String> hardwareSerial, Optional<String> publicKey) {
            this(accountId, email, code, deviceUuid, agentVersion, platform, osName, osVersion, hostname, hardwareModel, hardwareSerial,
                    publicKey, Optional.empty());
        }
    }

    /** Where device keys are held, as agents say (contract 1.4). */
    static final java.util.Set<String> BINDINGS = java.util.Set.of("tpm", "secure-enclave", "software");

    public record Activated(String deviceId, String apiToken, String accountId) {
        @Override
        public String toString() {
            return "Activated[deviceId=" + deviceId + ", accountId=" + accountId + ", apiToken=redacted]";
        }
    }

    /**
     * The device behind an authenticated request, and the account its token proved; {@code keyRotationAsked}: an
     * administrator wants it to make a new key.
     */
    public record Caller(String deviceId, Account account, String ownerEmail, boolean keyRotationAsked) {

        public String accountId() {
            return account.id();
        }
    }

    /**
     * Attempt limits: a guessing client is held long before 60-bit codes could be guessed. Counted per account and
     * client, and per account and e-mail; never per account alone, so no one can hold a whole organisation's
     * activations, and a person with the right code on a machine that was not guessing is not held by the guesser.
     */
    static final Attempts.Rule PER_CLIENT = new Attempts.Rule(10, Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(1));
    static final Attempts.Rule PER_EMAIL = new Attempts.Rule(10, Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(1));
    /** The pair (e-mail, client) is only counted: whether this client has been guessing at this person. */
    static final Attempts.Rule COUNTED = new Attempts.Rule(Integer.MAX_VALUE, Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(1));

    private final Tx tx;
    private final ActivationCodes codes;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;
    private final Attempts attempts;

    private final Deliveries deliveries;

    public Devices(Tx tx, ActivationCodes codes, Secrets secrets, Audit audit, Clock clock, Attempts attempts, Deliveries deliveries) {
        this.deliveries = deliveries;
        this.tx = tx;
        this.attempts = attempts;
        this.codes = codes;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public Activated activate(ActivationRequest r, String client) {
        String email = r.email().strip().toLowerCase(Locale.ROOT);
        // the account the client names; the code, checked next, is what admits it
        Optional<Account> named = tx.read(s -> s.accounts().named(r.accountId()).map(Organisation::account));
        if (named.isEmpty()) {
            hold(attempts.take("activate:no-account:" + client, PER_CLIENT));
            throw new ApiError(ApiError.Code.UNKNOWN_ACCOUNT, "there is no account " + r.accountId() + " on this server");
        }
        Account account = named.get();
        String clientKey = "activate:client:" + r.accountId() + "|" + client;
        String emailKey = "activate:email:" + r.accountId() + "|" + email;
        String pairKey = "activate:pair:" + r.accountId() + "|" + email + "|" + client;
        // counted before the code is evaluated: concurrent guesses cannot overshoot the allowance
        hold(attempts.take(clientKey, PER_CLIENT));
        Optional<Instant> personHeld = attempts.heldUntil(emailKey);
        if (personHeld.isPresent() && attempts.tries(pairKey) > 0) {
            hold(new Attempts.Turn.Held(personHeld.get(), false)); // this client has been guessing at this person
        }
        attempts.take(emailKey, PER_EMAIL);
        attempts.take(pairKey, COUNTED);
        if (r.deviceUuid().isBlank() || r.deviceUuid().length() > 200 || r.platform().length() > 20) {
            throw new ApiError(ApiError.Code.BAD_REQUEST, "deviceUuid and platform are required");
        }
        String deviceId = secrets.id("dev_");
        String token = secrets.deviceToken();
        Instant now = clock.instant();
        // validated before anything is spent: a malformed key is the client's mistake (BAD_REQUEST), not a try
        Optional<com.nimbusds.jose.jwk.ECKey> key = r.publicKey().filter(k -> !k.isBlank()).map(DeviceProofs::publicKey);
        if (r.keyBinding().isPresent() && (!BINDINGS.contains(r.keyBinding().get()) || key.isEmpty())) {
            throw new ApiError(ApiError.Code.BAD_REQUEST, "keyBinding must be tpm, secure-enclave or software, and comes with a publicKey");
        }
        Optional<String> binding = key.map(k -> r.keyBinding().orElse("software"));
        boolean ok = tx.run(s -> {
            if (!codes.consume(account, email, r.code(), deviceId)) {
                return false;
            }
            // The same person's machine activated again (a reinstall, --force): its earlier identity stops working.
            // Someone else's device on the same hardware (a shared computer, or a copied machine ID) is left alone
            // and the activation says so in the audit log: a device belongs to its owner.
            s.devices().revokeOwnersEarlier(account, r.deviceUuid(), email, now);
            List<String> others = s.devices().othersOnHardware(account, r.deviceUuid(), email);
            s.devices().insert(account, new DeviceStore.NewDevice(deviceId, email, r.deviceUuid(), Secrets.sha256(token), r.platform(), r.osName(),
                    r.osVersion(), r.hostname(), r.hardwareModel(), r.hardwareSerial(), r.agentVersion(),
                    key.map(com.nimbusds.jose.jwk.ECKey::toJSONString), key.map(DeviceProofs::thumbprint), binding, now));
            audit.record(Optional.of(r.accountId()), email, "device.activate", "device " + deviceId + " (" + r.platform()
                    + r.hostname().map(n -> ", " + n).orElse("") + ") activated"
                    + binding.map(b -> " with a device key " + Device.heldIn(b)).orElse(", token only")
                    + (others.isEmpty() ? "" : "; the same hardware ID is active for " + String.join(", ", others) + ", left as it is"));
            return true;
        });
        if (!ok) {
            throw codes.refusal(account, email, r.code());
        }
        attempts.giveBack(clientKey);
        attempts.giveBack(emailKey);
        attempts.clear(pairKey);
        return new Activated(deviceId, token, r.accountId());
    }

    private void hold(Attempts.Turn turn) {
        if (turn instanceof Attempts.Turn.Held h) {
            throw new ApiError(ApiError.Code.THROTTLED, "too many failed activations; try again in a few minutes",
                    Optional.of(Duration.ofSeconds(Math.max(1, Duration.between(clock.instant(), h.until()).toSeconds()))));
        }
    }

    /** The device whose token this is, if it belongs to the account and is not revoked. */
    public Caller authenticate(Optional<String> accountId, Optional<String> authorization) {
        String bearer = authorization.filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).strip())
                .orElseThrow(() -> new ApiError(ApiError.Code.UNAUTHENTICATED, "a device token is required"));
        String hash = Secrets.sha256(bearer);
        Optional<DeviceStore.TokenHolder> row = tx.read(s -> s.devices().activeByTokenHashAcrossAccounts(hash));
        if (row.isEmpty() || !MessageDigest.isEqual(row.get().tokenHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiError(ApiError.Code.UNAUTHENTICATED, "this device's token is not valid (revoked or unknown); activate the device again");
        }
        DeviceStore.TokenHolder holder = row.get();
        if (accountId.isPresent() && !accountId.get().equals(holder.account().id())) {
            throw new ApiError(ApiError.Code.FORBIDDEN, "the token belongs to another account");
        }
        return new Caller(holder.deviceId(), holder.account(), holder.ownerEmail(), holder.keyRotationAsked());
    }

    public void revoke(Account account, String deviceId, Actor by) {
        by.require(Role.Permission.DEVICES, account.id());
        String actor = by.audited();
        tx.use(s -> {
            if (!s.devices().revoke(account, deviceId, clock.instant())) {
                throw new IllegalArgumentException("no active device " + deviceId + " in account " + account.id());
            }
            audit.record(Optional.of(account.id()), actor, "device.revoke", "revoked device " + deviceId);
            deliveries.revoked(account, deviceId, actor);
        });
    }

    public List<Device> list(Account account, boolean includeRevoked) {
        return tx.read(s -> s.devices().list(account, includeRevoked));
    }

    public Optional<Device> find(Account account, String deviceId) {
        return tx.read(s -> s.devices().find(account, deviceId));
    }
}
