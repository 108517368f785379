package dev.auscult.server.service;

import dev.auscult.posture.PracticeId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.SignInGrant;
import dev.auscult.server.store.Tx;

/**
 * Break-glass for the device step: a person (or everyone) may sign in despite one practice (or all) until a date, for a
 * stated reason — the laptop that cannot take the update before the board meeting. Never open-ended (at most
 * {@link #LONGEST}), audited when made and revoked, and named in every decision it excused.
 */
public final class SignInExceptions {

    static final Duration LONGEST = Duration.ofDays(30);

    private final Tx tx;
    private final Audit audit;
    private final Clock clock;

    public SignInExceptions(Tx tx, Audit audit, Clock clock) {
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    public SignInGrant grant(Account account, Optional<String> person, Optional<String> practice, String reason, int days, Actor by) {
        by.require(Role.Permission.DEVICES, account.id());
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
        long id = tx.run(s -> {
            long made = s.grants().add(account, who, what, why, until, actor, now);
            SignInGrant e = new SignInGrant(made, who, what, why, until, now, actor, Optional.empty());
            audit.record(Optional.of(account.id()), actor, "signin.exception", "sign-in exception #" + made + ": " + e.describe());
            return made;
        });
        return new SignInGrant(id, who, what, why, until, now, actor, Optional.empty());
    }

    public boolean revoke(Account account, long id, Actor by) {
        by.require(Role.Permission.DEVICES, account.id());
        String actor = by.audited();
        return tx.run(s -> {
            boolean done = s.grants().revoke(account, id, clock.instant());
            if (done) {
                audit.record(Optional.of(account.id()), actor, "signin.exception", "sign-in exception #" + id + " revoked");
            }
            return done;
        });
    }

    /** The account's exceptions, newest first (the expired and revoked ones too, for the record). */
    public List<SignInGrant> list(Account account) {
        return tx.read(s -> s.grants().recent(account, 200));
    }

    /** Those in force now for a person. */
    public List<SignInGrant> inForce(Account account, String ownerEmail) {
        Instant now = clock.instant();
        return list(account).stream().filter(e -> e.revokedAt().isEmpty() && now.isBefore(e.expiresAt())
                && e.person().map(p -> p.equalsIgnoreCase(ownerEmail)).orElse(true)).toList();
    }
}
