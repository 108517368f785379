package dev.auscult.server.store;

import java.time.Instant;

/** An account as the organisation knows it: its id (what agents send as {@code JupiterOne-Account}), its name, and when it was made. */
public record Organisation(String id, String name, Instant createdAt) {

    /** The account, for a door that has just established it (a name looked up is not yet a proof of anything). */
    public Account account() {
        return new Account(id);
    }
}
