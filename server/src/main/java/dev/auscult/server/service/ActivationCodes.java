package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.CodeStatus;
import dev.auscult.server.store.Retirement;
import dev.auscult.server.store.Tx;

/**
 * One-time activation codes: random, single use, expiring, stored as hashes, so a code exists in plain
 * text only in the e-mail or CSV it was made for and on the screen of the admin who made it.
 */
public final class ActivationCodes {

    /** A code as issued: the plain text is returned once and never stored. */
    public record Issued(long id, String email, String code, Instant expiresAt) {
    }

    private final Tx tx;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;
    private final Duration lifetime;

    public ActivationCodes(Tx tx, Secrets secrets, Audit audit, Clock clock, Duration lifetime) {
        this.tx = tx;
        this.audit = audit;
        this.secrets = secrets;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * Issues a new code for the person. Once it has reached them (mail sent, CSV written), {@link #replaceOthers}
     * retires their earlier pending ones — not before: a send that fails must not leave the person with none.
     */
    public Issued issue(Account account, String email) {
        String code = secrets.activationCode();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        long id = tx.run(s -> s.codes().insert(account, email, hash(account, code), now, expires));
        return new Issued(id, email, code, expires);
    }

    /** How long a new code works. */
    public Duration lifetime() {
        return lifetime;
    }

    static String hash(Account account, String code) {
        return Secrets.sha256(account.id() + ":" + Secrets.normaliseCode(code));
    }

    /** Withdraws a code that reached nobody (its mail failed). */
    public void withdraw(Account account, long id) {
        tx.use(s -> s.codes().retire(account, id, Retirement.REVOKED, clock.instant()));
    }

    /** Revokes one pending code of the account, in the audit log; false when it was not pending (or not the account's). */
    public boolean revokeOne(Account account, long id, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, account.id());
        String actor = by.audited();
        return tx.run(s -> {
            boolean done = s.codes().retire(account, id, Retirement.REVOKED, clock.instant());
            if (done) {
                audit.record(Optional.of(account.id()), actor, "activations.revoke", "code #" + id + " revoked");
            }
            return done;
        });
    }

    /** Revokes every pending code of the account, or of one person, in the audit log; returns how many. */
    public int revokePending(Account account, Optional<String> email, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, account.id());
        String actor = by.audited();
        return tx.run(s -> {
            int n = retirePending(account, email, Retirement.REVOKED);
            audit.record(Optional.of(account.id()), actor, "activations.revoke", n + " pending codes revoked" + email.map(e -> " for " + e).orElse(""));
            return n;
        });
    }

    /** One live code per person: the person's other pending codes are retired as replaced by {@code kept}. */
    public int replaceOthers(Account account, String email, long kept) {
        return tx.run(s -> s.codes().retireOthers(account, email, kept, Retirement.REPLACED, clock.instant()));
    }

    /** Retires the pending codes of the account, or of one person, saying why; returns how many. */
    public int retirePending(Account account, Optional<String> email, Retirement why) {
        return tx.run(s -> s.codes().retirePending(account, email, why, clock.instant()));
    }

    public List<CodeStatus> list(Account account) {
        return tx.read(s -> s.codes().list(account));
    }

    /**
     * Marks the code used by the device, atomically: of two activations racing with one code, exactly one
     * updates the row. Returns false when no usable code matched.
     */
    boolean consume(Account account, String email, String code, String deviceId) {
        return tx.run(s -> {
            boolean used = s.codes().use(account, email, hash(account, code), deviceId, clock.instant());
            if (used) {
                // the person has a device now: any other code still in a mailbox or a spreadsheet stops working
                s.codes().retirePending(account, Optional.of(email), Retirement.ACTIVATED, clock.instant());
            }
            return used;
        });
    }

    /**
     * Why a code did not work, in the contract's terms. A code that exists for this person gets its own reason
     * (extensions.reason: EXPIRED, REPLACED, REVOKED), so the agent can say "expired" instead of "wrong"; a code
     * issued for someone else gets the same answer as a wrong one.
     */
    ApiError refusal(Account account, String email, String code) {
        Optional<CodeStatus> found = tx.read(s -> s.codes().find(account, email, hash(account, code)));
        if (found.isEmpty()) {
            return new ApiError(ApiError.Code.INVALID_CODE, "the activation code is wrong, or was issued for another e-mail address");
        }
        CodeStatus f = found.get();
        if (f.usedAt().isPresent()) {
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
