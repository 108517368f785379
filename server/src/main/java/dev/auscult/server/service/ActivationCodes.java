package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One-time activation codes: random, single use, expiring, stored as hashes, so a code exists in plain
 * text only in the e-mail or CSV it was made for and on the screen of the admin who made it.
 */
public final class ActivationCodes {

    /** A code as issued: the plain text is returned once and never stored. */
    public record Issued(long id, String email, String code, Instant expiresAt) {
    }

    /** A code as the console and CLI list it: never the code itself. */
    public record CodeStatus(long id, String email, Instant createdAt, Instant expiresAt, Optional<Instant> usedAt,
                             Optional<Instant> revokedAt, Optional<String> deviceId) {

        public String state(Instant now) {
            if (usedAt.isPresent()) {
                return "used";
            }
            if (revokedAt.isPresent()) {
                return "revoked";
            }
            return expiresAt.isBefore(now) ? "expired" : "pending";
        }
    }

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Clock clock;
    private final Duration lifetime;

    public ActivationCodes(Jdbi jdbi, Secrets secrets, Clock clock, Duration lifetime) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** Issues a new code for the person; earlier pending codes of theirs stay valid until used or expired. */
    public Issued issue(Handle h, String accountId, String email) {
        String code = secrets.activationCode();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        long id = h.createUpdate("INSERT INTO activation_codes (account_id, email, code_hash, created_at, expires_at) "
                        + "VALUES (:a, :e, :h, :now, :exp)")
                .bind("a", accountId).bind("e", email).bind("h", hash(accountId, code)).bind("now", now).bind("exp", expires)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Issued(id, email, code, expires);
    }

    public Issued issue(String accountId, String email) {
        return jdbi.inTransaction(h -> issue(h, accountId, email));
    }

    static String hash(String accountId, String code) {
        return Secrets.sha256(accountId + ":" + Secrets.normaliseCode(code));
    }

    public void revoke(Handle h, long id) {
        h.createUpdate("UPDATE activation_codes SET revoked_at = :now WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL")
                .bind("now", clock.instant()).bind("id", id).execute();
    }

    /** Revokes one pending code of the account; false when it was not pending. */
    public boolean revokeOne(String accountId, long id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE activation_codes SET revoked_at = :now WHERE id = :id AND account_id = :a "
                + "AND used_at IS NULL AND revoked_at IS NULL").bind("now", clock.instant()).bind("id", id).bind("a", accountId).execute()) == 1;
    }

    /** Revokes every pending code of the account, or of one person; returns how many. */
    public int revokePending(String accountId, Optional<String> email) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE activation_codes SET revoked_at = :now WHERE account_id = :a "
                        + "AND used_at IS NULL AND revoked_at IS NULL" + (email.isPresent() ? " AND email = :e" : ""))
                .bind("now", clock.instant()).bind("a", accountId).bind("e", email.orElse(null)).execute());
    }

    public List<CodeStatus> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, email, created_at, expires_at, used_at, revoked_at, device_id "
                        + "FROM activation_codes WHERE account_id = :a ORDER BY id DESC")
                .bind("a", accountId)
                .map((rs, ctx) -> new CodeStatus(rs.getLong("id"), rs.getString("email"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(), Optional.ofNullable(rs.getTimestamp("used_at")).map(java.sql.Timestamp::toInstant),
                        Optional.ofNullable(rs.getTimestamp("revoked_at")).map(java.sql.Timestamp::toInstant),
                        Optional.ofNullable(rs.getString("device_id")))).list());
    }

    /**
     * Marks the code used by the device, atomically: of two activations racing with one code, exactly one
     * updates the row. Returns false when no usable code matched.
     */
    boolean consume(Handle h, String accountId, String email, String code, String deviceId) {
        return h.createUpdate("UPDATE activation_codes SET used_at = :now, device_id = :d WHERE code_hash = :h AND account_id = :a "
                        + "AND email = :e AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now")
                .bind("now", clock.instant()).bind("d", deviceId).bind("h", hash(accountId, code)).bind("a", accountId).bind("e", email)
                .execute() == 1;
    }

    /** Why a code did not work, in the contract's terms. */
    ApiError refusal(String accountId, String code) {
        Optional<Boolean> used = jdbi.withHandle(h -> h.createQuery("SELECT used_at IS NOT NULL FROM activation_codes WHERE code_hash = :h")
                .bind("h", hash(accountId, code)).mapTo(Boolean.class).findOne());
        if (used.orElse(false)) {
            return new ApiError(ApiError.Code.CODE_ALREADY_USED, "this activation code has been used already; ask your administrator for a new one");
        }
        return new ApiError(ApiError.Code.INVALID_CODE, "the activation code is wrong, expired or revoked, or was issued for another e-mail address");
    }
}
