package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code signin_keys} table: the server's own keys for the ID tokens of the device step, one account-free set. */
public interface SigningKeyStore {

    /** A key as kept: its private JWK (only the server reads it) and when it was made. */
    record Kept(String privateJwk, Instant createdAt) {
    }

    Optional<Kept> newest();

    void add(String kid, String privateJwk, Instant at, Instant retireAfter);

    /** The keys not yet retired at {@code now}, newest first. */
    List<String> inUse(Instant now);
}
