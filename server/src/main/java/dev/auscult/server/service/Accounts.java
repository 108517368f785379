package dev.auscult.server.service;


import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.auscult.server.store.Organisation;
import dev.auscult.server.store.Tx;

/** Organisations. The account ID is what agents send as {@code JupiterOne-Account} and MDM scripts as --account. */
public final class Accounts {

    private final Tx tx;
    private final Audit audit;
    private final Clock clock;

    public Accounts(Tx tx, Audit audit, Clock clock) {
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    public Organisation create(String id, String name, String actor) {
        if (!id.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new IllegalArgumentException("an account ID is 2–63 lower-case letters, digits and dashes, e.g. acme-corp");
        }
        Instant now = clock.instant();
        tx.use(s -> {
            if (!s.accounts().create(id, name, now)) {
                throw new IllegalArgumentException("account " + id + " exists already");
            }
            audit.record(Optional.of(id), actor, "account.create", "created account " + id + " (" + name + ")");
        });
        return new Organisation(id, name, now);
    }

    public Optional<Organisation> find(String id) {
        return tx.read(s -> s.accounts().named(id));
    }

    public Organisation require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no account " + id));
    }

    public List<Organisation> all() {
        return tx.read(s -> s.accounts().all());
    }
}
