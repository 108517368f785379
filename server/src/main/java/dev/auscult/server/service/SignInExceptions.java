package dev.auscult.server.service;

import dev.auscult.posture.PracticeId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Break-glass for the device step: a person (or everyone) may sign in despite one practice (or all) until a date, for a
 * stated reason — the laptop that cannot take the update before the board meeting. Never open-ended (at most
 * {@link #LONGEST}), audited when made and revoked, and named in every decision it excused.
 */
public final class SignInExceptions {

    /** One exception; an empty person means everyone, an empty practice means every practice. */
    public record Grant(long id, Optional<String> person, Optional<String> practice, String reason, Instant expiresAt, Instant createdAt,
                            String createdBy, Optional<Instant> revokedAt) {

        public boolean covers(String ownerEmail, String practiceKey, Instant at) {
            return revokedAt.isEmpty() && at.isBefore(expiresAt) && person.map(p -> p.equalsIgnoreCase(ownerEmail)).orElse(true)
                    && practice.map(p -> p.equals(practiceKey)).orElse(true);
        }

        /** "firewall for alice@acme.example until 2026-12-20: board meeting" */
        public String describe() {
            return practice.orElse("every practice") + " for " + person.orElse("everyone") + " until " + expiresAt.toString().substring(0, 10) + ": " + reason;
        }
    }

    static final Duration LONGEST = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final Audit audit;
    private final Clock clock;

    public SignInExceptions(Jdbi jdbi, Audit audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    public Grant grant(String accountId, Optional<String> person, Optional<String> practice, String reason, int days, Actor by) {
        by.require(Role.Permission.DEVICES, accountId);
        String actor = by.audited();
        Optional<String> who = person.map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty());
        if (who.isPresent() && (who.get().length() > 320 || !who.get().matches("[^@\\s]+@[^@\\s]+"))) {
            throw new IllegalArgumentException("'" + who.get() + "' is not an e-mail address (leave it empty for everyone)");
        }
        Optional<String> what = practice.map(String::strip).filter(p -> !p.isEmpty());
        if (what.isPresent() && PracticeId.fromKey(what.get()).isEmpty()) {
            throw new IllegalArgumentException("'" + what.get() + "' is not a practice key (firewall, diskEncryption, osVersion…; empty for every practice)");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500 || why.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an exception needs a reason of 1 to 500 characters: it is shown in the audit log and the decisions");
        }
        if (days < 1 || days > LONGEST.toDays()) {
            throw new IllegalArgumentException("an exception lasts from 1 to " + LONGEST.toDays() + " days, not " + days);
        }
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofDays(days));
        long id = jdbi.inTransaction(h -> {
            long made = h.createUpdate("INSERT INTO signin_exceptions (account_id, person, practice, reason, expires_at, created_at, created_by) "
                            + "VALUES (:a, :p, :k, :r, :exp, :now, :by)")
                    .bind("a", accountId).bind("p", who.orElse(null)).bind("k", what.orElse(null)).bind("r", why).bind("exp", until).bind("now", now)
                    .bind("by", actor).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Grant e = new Grant(made, who, what, why, until, now, actor, Optional.empty());
            audit.record(Optional.of(accountId), actor, "signin.exception", "sign-in exception #" + made + ": " + e.describe());
            return made;
        });
        return new Grant(id, who, what, why, until, now, actor, Optional.empty());
    }

    public boolean revoke(String accountId, long id, Actor by) {
        by.require(Role.Permission.DEVICES, accountId);
        String actor = by.audited();
        return jdbi.inTransaction(h -> {
            boolean done = h.createUpdate("UPDATE signin_exceptions SET revoked_at = :now WHERE id = :id AND account_id = :a AND revoked_at IS NULL")
                    .bind("now", clock.instant()).bind("id", id).bind("a", accountId).execute() == 1;
            if (done) {
                audit.record(Optional.of(accountId), actor, "signin.exception", "sign-in exception #" + id + " revoked");
            }
            return done;
        });
    }

    /** The account's exceptions, newest first (the expired and revoked ones too, for the record). */
    public List<Grant> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM signin_exceptions WHERE account_id = :a ORDER BY id DESC LIMIT 200").bind("a", accountId)
                .map((rs, ctx) -> new Grant(rs.getLong("id"), Optional.ofNullable(rs.getString("person")), Optional.ofNullable(rs.getString("practice")),
                        rs.getString("reason"), rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                        Optional.ofNullable(rs.getTimestamp("revoked_at")).map(java.sql.Timestamp::toInstant))).list());
    }

    /** Those in force now for a person. */
    public List<Grant> inForce(String accountId, String ownerEmail) {
        Instant now = clock.instant();
        return list(accountId).stream().filter(e -> e.revokedAt().isEmpty() && now.isBefore(e.expiresAt())
                && e.person().map(p -> p.equalsIgnoreCase(ownerEmail)).orElse(true)).toList();
    }
}
