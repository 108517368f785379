package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code accounts} table: the one table not scoped by an account, because it is the accounts. */
public interface AccountStore {

    /** Makes the account; false when the id is taken. */
    boolean create(String id, String name, Instant at);

    /**
     * The organisation an id names. Where a client names its account before proving anything (an activation names its
     * account, then its code decides), this is the lookup.
     */
    Optional<Organisation> named(String id);

    /** By id. */
    List<Organisation> all();
}
