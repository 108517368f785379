package dev.auscult.server.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The record of what administrators did: who, what, when, on which account. Never a secret in it. */
public final class Audit {

    public record Entry(Instant at, Optional<String> accountId, String actor, String action, String detail) {
    }

    private final Jdbi jdbi;
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

    public Audit(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public void record(Handle h, Optional<String> accountId, String actor, String action, String detail) {
        h.createUpdate("INSERT INTO audit_log (account_id, actor, action, detail, at) VALUES (:a, :actor, :action, :detail, :at)")
                .bind("a", accountId.orElse(null)).bind("actor", actor).bind("action", action)
                .bind("detail", detail.length() > 2000 ? detail.substring(0, 2000) : detail).bind("at", clock.instant()).execute();
    }

    public void record(Optional<String> accountId, String actor, String action, String detail) {
        jdbi.useHandle(h -> record(h, accountId, actor, action, detail));
    }

    public List<Entry> recent(String accountId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, account_id, actor, action, detail FROM audit_log WHERE account_id = :a "
                        + "ORDER BY id DESC LIMIT :n").bind("a", accountId).bind("n", limit)
                .map((rs, ctx) -> new Entry(rs.getTimestamp("at").toInstant(), Optional.ofNullable(rs.getString("account_id")),
                        rs.getString("actor"), rs.getString("action"), rs.getString("detail"))).list());
    }

    /** The requests refused for one device's key (a copied token, a replay, another key, a bad new key): newest first. */
    public List<Entry> refusedFor(String accountId, String deviceId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, account_id, actor, action, detail FROM audit_log WHERE account_id = :a "
                        + "AND action IN ('device.proof-refused', 'device.key-rotation-refused') AND detail LIKE :d ORDER BY id DESC LIMIT :n")
                .bind("a", accountId).bind("d", "device " + deviceId.replace("%", "") + ":%").bind("n", limit)
                .map((rs, ctx) -> new Entry(rs.getTimestamp("at").toInstant(), Optional.ofNullable(rs.getString("account_id")),
                        rs.getString("actor"), rs.getString("action"), rs.getString("detail"))).list());
    }
}
