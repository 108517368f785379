package dev.auscult.server.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Organisations. The account ID is what agents send as {@code JupiterOne-Account} and MDM scripts as --account. */
public final class Accounts {

    public record Account(String id, String name, Instant createdAt) {
    }

    private final Jdbi jdbi;
    private final Audit audit;
    private final Clock clock;

    public Accounts(Jdbi jdbi, Audit audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    public Account create(String id, String name, String actor) {
        if (!id.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new IllegalArgumentException("an account ID is 2–63 lower-case letters, digits and dashes, e.g. acme-corp");
        }
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            if (h.createQuery("SELECT count(*) FROM accounts WHERE id = :id").bind("id", id).mapTo(Integer.class).one() > 0) {
                throw new IllegalArgumentException("account " + id + " exists already");
            }
            h.createUpdate("INSERT INTO accounts (id, name, created_at) VALUES (:id, :name, :at)")
                    .bind("id", id).bind("name", name).bind("at", now).execute();
            audit.record(Optional.of(id), actor, "account.create", "created account " + id + " (" + name + ")");
        });
        return new Account(id, name, now);
    }

    public Optional<Account> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, created_at FROM accounts WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Account(rs.getString("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant())).findOne());
    }

    public Account require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no account " + id));
    }

    public List<Account> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, created_at FROM accounts ORDER BY id")
                .map((rs, ctx) -> new Account(rs.getString("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant())).list());
    }
}
