package dev.auscult.server.service;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

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

    /** The device behind an authenticated request; {@code keyRotationAsked}: an administrator wants it to make a new key. */
    public record Caller(String deviceId, String accountId, String ownerEmail, boolean keyRotationAsked) {
    }

    public record Device(String id, String accountId, String ownerEmail, String platform, Optional<String> osName,
                         Optional<String> osVersion, Optional<String> hostname, Optional<String> hardwareModel,
                         Optional<String> hardwareSerial, Optional<String> agentVersion, Instant activatedAt, Instant lastSeenAt,
                         Optional<Instant> revokedAt, Optional<String> latestReport, Optional<String> latestStatus,
                         Optional<String> keyThumbprint, Optional<String> keyBinding, Optional<Instant> keyMadeAt,
                         Optional<Instant> keyRotationAskedAt) {

        /** How the device proves it is itself: its own key (held in its TPM or Secure Enclave, or in software), or its token alone. */
        public String binding() {
            return keyThumbprint.map(t -> (!hardwareBound() ? "device key (software, ES256) "
                            : keyBinding.filter("secure-enclave"::equals).isPresent()
                            ? "device key held in the Secure Enclave (hardware, not exportable), ES256 "
                            : "device key held in the TPM (hardware, not exportable), ES256 ") + t.substring(0, Math.min(12, t.length())) + "…")
                    .orElse("token only (activated by an agent without a device key)");
        }

        /** Where the key is held, in words for a sentence: "its TPM", "its Secure Enclave", "software". */
        static String heldIn(String binding) {
            return switch (binding) {
                case "tpm" -> "held in its TPM";
                case "secure-enclave" -> "held in its Secure Enclave";
                default -> "held in software";
            };
        }

        /** It has a key of its own (an agent since contract 1.2), which an administrator may ask it to replace. */
        public boolean keyBound() {
            return keyThumbprint.isPresent();
        }

        /** Its key is held by hardware (as its agent reports; not attested). */
        public boolean hardwareBound() {
            return keyThumbprint.isPresent() && keyBinding.filter(b -> b.equals("tpm") || b.equals("secure-enclave")).isPresent();
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

    private final Jdbi jdbi;
    private final ActivationCodes codes;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;
    private final Attempts attempts;

    private final Deliveries deliveries;

    public Devices(Jdbi jdbi, ActivationCodes codes, Secrets secrets, Audit audit, Clock clock, Attempts attempts, Deliveries deliveries) {
        this.deliveries = deliveries;
        this.jdbi = jdbi;
        this.attempts = attempts;
        this.codes = codes;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public Activated activate(ActivationRequest r, String client) {
        String email = r.email().strip().toLowerCase(Locale.ROOT);
        boolean accountExists = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM accounts WHERE id = :a").bind("a", r.accountId())
                .mapTo(Integer.class).one() > 0);
        if (!accountExists) {
            hold(attempts.take("activate:no-account:" + client, PER_CLIENT));
            throw new ApiError(ApiError.Code.UNKNOWN_ACCOUNT, "there is no account " + r.accountId() + " on this server");
        }
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
        boolean ok = jdbi.inTransaction(h -> {
            if (!codes.consume(h, r.accountId(), email, r.code(), deviceId)) {
                return false;
            }
            // The same person's machine activated again (a reinstall, --force): its earlier identity stops working.
            // Someone else's device on the same hardware (a shared computer, or a copied machine ID) is left alone
            // and the activation says so in the audit log: a device belongs to its owner.
            h.createUpdate("UPDATE devices SET revoked_at = :now WHERE account_id = :a AND device_uuid = :u AND owner_email = :e AND revoked_at IS NULL")
                    .bind("now", now).bind("a", r.accountId()).bind("u", r.deviceUuid()).bind("e", email).execute();
            List<String> others = h.createQuery("SELECT id || ' (' || owner_email || ')' FROM devices WHERE account_id = :a AND device_uuid = :u "
                            + "AND owner_email <> :e AND revoked_at IS NULL ORDER BY id")
                    .bind("a", r.accountId()).bind("u", r.deviceUuid()).bind("e", email).mapTo(String.class).list();
            h.createUpdate("INSERT INTO devices (id, account_id, owner_email, device_uuid, token_hash, platform, os_name, os_version, "
                            + "hostname, hardware_model, hardware_serial, agent_version, activated_at, last_seen_at, public_jwk, key_thumbprint, key_binding, key_made_at) VALUES "
                            + "(:id, :a, :e, :u, :t, :p, :osn, :osv, :host, :model, :serial, :agent, :now, :now, :jwk, :thumb, :binding, :made)")
                    .bind("id", deviceId).bind("a", r.accountId()).bind("e", email).bind("u", r.deviceUuid())
                    .bind("t", Secrets.sha256(token)).bind("p", r.platform()).bind("osn", cut(r.osName(), 200))
                    .bind("osv", cut(r.osVersion(), 100)).bind("host", cut(r.hostname(), 255)).bind("model", cut(r.hardwareModel(), 255))
                    .bind("serial", cut(r.hardwareSerial(), 255)).bind("agent", cut(Optional.of(r.agentVersion()), 50)).bind("now", now)
                    .bind("jwk", key.map(com.nimbusds.jose.jwk.ECKey::toJSONString).orElse(null))
                    .bind("thumb", key.map(DeviceProofs::thumbprint).orElse(null)).bind("binding", binding.orElse(null))
                    .bindByType("made", key.isPresent() ? now : null, Instant.class).execute();
            audit.record(h, Optional.of(r.accountId()), email, "device.activate", "device " + deviceId + " (" + r.platform()
                    + r.hostname().map(n -> ", " + n).orElse("") + ") activated"
                    + binding.map(b -> " with a device key " + Device.heldIn(b)).orElse(", token only")
                    + (others.isEmpty() ? "" : "; the same hardware ID is active for " + String.join(", ", others) + ", left as it is"));
            return true;
        });
        if (!ok) {
            throw codes.refusal(r.accountId(), email, r.code());
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

    private static String cut(Optional<String> v, int max) {
        return v.map(s -> s.length() > max ? s.substring(0, max) : s).orElse(null);
    }

    /** The device whose token this is, if it belongs to the account and is not revoked. */
    public Caller authenticate(Optional<String> accountId, Optional<String> authorization) {
        String bearer = authorization.filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).strip())
                .orElseThrow(() -> new ApiError(ApiError.Code.UNAUTHENTICATED, "a device token is required"));
        String hash = Secrets.sha256(bearer);
        Optional<String[]> row = jdbi.withHandle(h -> h.createQuery("SELECT id, account_id, owner_email, token_hash, key_rotation_asked_at FROM devices "
                        + "WHERE token_hash = :t AND revoked_at IS NULL").bind("t", hash)
                .map((rs, ctx) -> new String[] {rs.getString("id"), rs.getString("account_id"), rs.getString("owner_email"), rs.getString("token_hash"),
                        rs.getTimestamp("key_rotation_asked_at") == null ? null : "asked"})
                .findOne());
        if (row.isEmpty() || !MessageDigest.isEqual(row.get()[3].getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiError(ApiError.Code.UNAUTHENTICATED, "this device's token is not valid (revoked or unknown); activate the device again");
        }
        if (accountId.isPresent() && !accountId.get().equals(row.get()[1])) {
            throw new ApiError(ApiError.Code.FORBIDDEN, "the token belongs to another account");
        }
        return new Caller(row.get()[0], row.get()[1], row.get()[2], row.get()[4] != null);
    }

    public void revoke(String accountId, String deviceId, Actor by) {
        by.require(Role.Permission.DEVICES, accountId);
        String actor = by.audited();
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE devices SET revoked_at = :now WHERE id = :id AND account_id = :a AND revoked_at IS NULL")
                    .bind("now", clock.instant()).bind("id", deviceId).bind("a", accountId).execute();
            if (n == 0) {
                throw new IllegalArgumentException("no active device " + deviceId + " in account " + accountId);
            }
            audit.record(h, Optional.of(accountId), actor, "device.revoke", "revoked device " + deviceId);
            deliveries.revoked(h, accountId, deviceId, actor);
        });
    }

    /** The columns {@link #device} reads: one list for every query that makes a {@link Device}. */
    private static final List<String> COLUMNS = List.of("id", "account_id", "owner_email", "platform", "os_name", "os_version", "hostname",
            "hardware_model", "hardware_serial", "agent_version", "activated_at", "last_seen_at", "revoked_at", "latest_report", "latest_status",
            "key_thumbprint", "key_binding", "key_made_at", "key_rotation_asked_at");

    /** {@link #COLUMNS} for a query where the devices table goes by {@code alias}. */
    static String columns(String alias) {
        return COLUMNS.stream().map(c -> alias + "." + c).collect(java.util.stream.Collectors.joining(", "));
    }

    private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM devices";

    public List<Device> list(String accountId, boolean includeRevoked) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE account_id = :a" + (includeRevoked ? "" : " AND revoked_at IS NULL")
                + " ORDER BY owner_email, last_seen_at DESC").bind("a", accountId).map(Devices::device).list());
    }

    /** Active devices not seen for the given time. */
    public List<Device> stale(String accountId, Duration notSeenFor) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE account_id = :a AND revoked_at IS NULL AND last_seen_at < :t ORDER BY last_seen_at")
                .bind("a", accountId).bind("t", clock.instant().minus(notSeenFor)).map(Devices::device).list());
    }

    public Optional<Device> find(String accountId, String deviceId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE account_id = :a AND id = :id").bind("a", accountId).bind("id", deviceId)
                .map(Devices::device).findOne());
    }

    static Device device(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Device(rs.getString("id"), rs.getString("account_id"), rs.getString("owner_email"), rs.getString("platform"),
                Optional.ofNullable(rs.getString("os_name")), Optional.ofNullable(rs.getString("os_version")),
                Optional.ofNullable(rs.getString("hostname")), Optional.ofNullable(rs.getString("hardware_model")),
                Optional.ofNullable(rs.getString("hardware_serial")), Optional.ofNullable(rs.getString("agent_version")),
                rs.getTimestamp("activated_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("revoked_at")).map(java.sql.Timestamp::toInstant),
                Optional.ofNullable(rs.getString("latest_report")), Optional.ofNullable(rs.getString("latest_status")),
                Optional.ofNullable(rs.getString("key_thumbprint")), Optional.ofNullable(rs.getString("key_binding")),
                Optional.ofNullable(rs.getTimestamp("key_made_at")).map(java.sql.Timestamp::toInstant),
                Optional.ofNullable(rs.getTimestamp("key_rotation_asked_at")).map(java.sql.Timestamp::toInstant));
    }
}
