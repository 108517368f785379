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

    /** Why a code stopped being usable before anyone used it. */
    public enum Retirement {
        REPLACED("replaced by a newer code"),
        ACTIVATED("the person activated a device"),
        REVOKED("revoked by an administrator"),
        OFFBOARDED("the person was deactivated");

        private final String words;

        Retirement(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** A code as the console and CLI list it: never the code itself. */
    public record CodeStatus(long id, String email, Instant createdAt, Instant expiresAt, Optional<Instant> usedAt,
                             Optional<Instant> revokedAt, Optional<String> deviceId, Optional<Retirement> retired) {

        public String state(Instant now) {
            if (usedAt.isPresent()) {
                return "used";
            }
            if (revokedAt.isPresent()) {
                return retired.map(r -> r == Retirement.REVOKED ? "revoked" : "retired").orElse("revoked");
            }
            return expiresAt.isBefore(now) ? "expired" : "pending";
        }

        /** Why a retired code is, in words ("replaced by a newer code"); empty for the others. */
        public String why() {
            return revokedAt.isPresent() ? retired.orElse(Retirement.REVOKED).words() : "";
        }
    }

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;
    private final Duration lifetime;

    public ActivationCodes(Jdbi jdbi, Secrets secrets, Audit audit, Clock clock, Duration lifetime) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.secrets = secrets;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * Issues a new code for the person. Once it has reached them (mail sent, CSV written), {@link #replaceOthers}
     * retires their earlier pending ones — not before: a send that fails must not leave the person with none.
     */
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

    /** How long a new code works. */
    public Duration lifetime() {
        return lifetime;
    }

    public Issued issue(String accountId, String email) {
        return jdbi.inTransaction(h -> issue(h, accountId, email));
    }

    static String hash(String accountId, String code) {
        return Secrets.sha256(accountId + ":" + Secrets.normaliseCode(code));
    }

    public void revoke(Handle h, long id) {
        h.createUpdate("UPDATE activation_codes SET revoked_at = :now, retired_reason = :why WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL")
                .bind("now", clock.instant()).bind("why", Retirement.REVOKED.name()).bind("id", id).execute();
    }

    /** Revokes one pending code of the account, in the audit log; false when it was not pending (or not the account's). */
    public boolean revokeOne(String accountId, long id, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, accountId);
        String actor = by.audited();
        return jdbi.inTransaction(h -> {
            boolean done = h.createUpdate("UPDATE activation_codes SET revoked_at = :now, retired_reason = :why WHERE id = :id "
                    + "AND account_id = :a AND used_at IS NULL AND revoked_at IS NULL").bind("now", clock.instant()).bind("why", Retirement.REVOKED.name())
                    .bind("id", id).bind("a", accountId).execute() == 1;
            if (done) {
                audit.record(h, Optional.of(accountId), actor, "activations.revoke", "code #" + id + " revoked");
            }
            return done;
        });
    }

    /** Revokes every pending code of the account, or of one person, in the audit log; returns how many. */
    public int revokePending(String accountId, Optional<String> email, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, accountId);
        String actor = by.audited();
        return jdbi.inTransaction(h -> {
            int n = retirePending(h, accountId, email, Retirement.REVOKED);
            audit.record(h, Optional.of(accountId), actor, "activations.revoke", n + " pending codes revoked" + email.map(e -> " for " + e).orElse(""));
            return n;
        });
    }

    /** One live code per person: the person's other pending codes are retired as replaced by {@code kept}. */
    public int replaceOthers(Handle h, String accountId, String email, long kept) {
        return h.createUpdate("UPDATE activation_codes SET revoked_at = :now, retired_reason = :why WHERE account_id = :a AND email = :e "
                        + "AND id <> :kept AND used_at IS NULL AND revoked_at IS NULL")
                .bind("now", clock.instant()).bind("why", Retirement.REPLACED.name()).bind("a", accountId).bind("e", email).bind("kept", kept).execute();
    }

    /** Retires the pending codes of the account, or of one person, saying why; returns how many. */
    public int retirePending(Handle h, String accountId, Optional<String> email, Retirement why) {
        return h.createUpdate("UPDATE activation_codes SET revoked_at = :now, retired_reason = :why WHERE account_id = :a "
                        + "AND used_at IS NULL AND revoked_at IS NULL" + (email.isPresent() ? " AND email = :e" : ""))
                .bind("now", clock.instant()).bind("why", why.name()).bind("a", accountId).bind("e", email.orElse(null)).execute();
    }

    public List<CodeStatus> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, email, created_at, expires_at, used_at, revoked_at, device_id, retired_reason "
                        + "FROM activation_codes WHERE account_id = :a ORDER BY id DESC")
                .bind("a", accountId)
                .map((rs, ctx) -> new CodeStatus(rs.getLong("id"), rs.getString("email"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(), Optional.ofNullable(rs.getTimestamp("used_at")).map(java.sql.Timestamp::toInstant),
                        Optional.ofNullable(rs.getTimestamp("revoked_at")).map(java.sql.Timestamp::toInstant),
                        Optional.ofNullable(rs.getString("device_id")),
                        Optional.ofNullable(rs.getString("retired_reason")).map(Retirement::valueOf))).list());
    }

    /**
     * Marks the code used by the device, atomically: of two activations racing with one code, exactly one
     * updates the row. Returns false when no usable code matched.
     */
    boolean consume(Handle h, String accountId, String email, String code, String deviceId) {
        boolean used = h.createUpdate("UPDATE activation_codes SET used_at = :now, device_id = :d WHERE code_hash = :h AND account_id = :a "
                        + "AND email = :e AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now")
                .bind("now", clock.instant()).bind("d", deviceId).bind("h", hash(accountId, code)).bind("a", accountId).bind("e", email)
                .execute() == 1;
        if (used) {
            // the person has a device now: any other code still in a mailbox or a spreadsheet stops working
            retirePending(h, accountId, Optional.of(email), Retirement.ACTIVATED);
        }
        return used;
    }

    private record Found(boolean used, Optional<Instant> revokedAt, Optional<Retirement> retired, Instant expiresAt) {
    }

    /**
     * Why a code did not work, in the contract's terms. A code that exists for this person gets its own reason
     * (extensions.reason: EXPIRED, REPLACED, REVOKED), so the agent can say "expired" instead of "wrong"; a code
     * issued for someone else gets the same answer as a wrong one.
     */
    ApiError refusal(String accountId, String email, String code) {
        Optional<Found> found = jdbi.withHandle(h -> h.createQuery("SELECT used_at, revoked_at, retired_reason, expires_at FROM activation_codes "
                        + "WHERE code_hash = :h AND account_id = :a AND email = :e")
                .bind("h", hash(accountId, code)).bind("a", accountId).bind("e", email)
                .map((rs, ctx) -> new Found(rs.getTimestamp("used_at") != null, Optional.ofNullable(rs.getTimestamp("revoked_at")).map(java.sql.Timestamp::toInstant),
                        Optional.ofNullable(rs.getString("retired_reason")).map(Retirement::valueOf), rs.getTimestamp("expires_at").toInstant()))
                .findOne());
        if (found.isEmpty()) {
            return new ApiError(ApiError.Code.INVALID_CODE, "the activation code is wrong, or was issued for another e-mail address");
        }
        Found f = found.get();
        if (f.used()) {
            return new ApiError(ApiError.Code.CODE_ALREADY_USED, "this activation code has been used already; ask your administrator for a new one");
        }
        if (f.revokedAt().isPresent() && f.retired().orElse(Retirement.REVOKED) == Retirement.REPLACED) {
            return new ApiError(ApiError.Code.INVALID_CODE, "this activation code was replaced by a newer one; use the code in the most recent e-mail",
                    Optional.empty(), Optional.of("REPLACED"));
        }
        if (f.revokedAt().isPresent()) {
            return new ApiError(ApiError.Code.INVALID_CODE, "this activation code was withdrawn (" + f.retired().orElse(Retirement.REVOKED).words()
                    + "); ask your administrator for a new one", Optional.empty(), Optional.of("REVOKED"));
        }
        return new ApiError(ApiError.Code.INVALID_CODE, "this activation code expired on " + java.time.LocalDate.ofInstant(f.expiresAt(), java.time.ZoneOffset.UTC)
                + "; ask your administrator for a new one", Optional.empty(), Optional.of("EXPIRED"));
    }
}
