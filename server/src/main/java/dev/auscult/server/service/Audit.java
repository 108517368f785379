package dev.auscult.server.service;

import dev.auscult.server.store.Account;
import dev.auscult.server.store.AuditEntry;
import dev.auscult.server.store.Tx;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The record of what administrators did: who, what, when, on which account. Never a secret in it. An entry written
 * inside another service's unit of work is part of it: the action and its record commit together.
 */
public final class Audit {

    private final Tx tx;
    private final Clock clock;

    /**
     * The person behind an actor as the audit log writes it — "console:alice@acme.example (Owner)" is alice@acme.example;
     * other doors ("api:…", "cli:…", "scim") are returned as they are.
     */
    public static String person(String actor) {
        if (actor.startsWith("console:") && actor.endsWith(")") && actor.contains(" (")) {
            return actor.substring("console:".length(), actor.lastIndexOf(" ("));
        }
        return actor;
    }

    public Audit(Tx tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public void record(Optional<String> accountId, String actor, String action, String detail) {
        tx.use(s -> s.audit().append(accountId.map(Account::new), actor, action, detail, clock.instant()));
    }

    public List<AuditEntry> recent(Account account, int limit) {
        return tx.read(s -> s.audit().recent(account, limit));
    }

    /** The requests refused for one device's key (a copied token, a replay, another key, a bad new key): newest first. */
    public List<AuditEntry> refusedFor(Account account, String deviceId, int limit) {
        return tx.read(s -> s.audit().refusedFor(account, deviceId, limit));
    }
}
