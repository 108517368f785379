package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code activation_codes} table: hashes only, every method scoped to an account. */
public interface CodeStore {

    /** Returns the new code's id. */
    long insert(Account account, String email, String codeHash, Instant at, Instant expiresAt);

    /** Retires one pending code; false when it was not pending or is not the account's. */
    boolean retire(Account account, long id, Retirement why, Instant at);

    /** Retires the person's pending codes but {@code kept}; returns how many. */
    int retireOthers(Account account, String email, long kept, Retirement why, Instant at);

    /** Retires the pending codes of the account, or of one person; returns how many. */
    int retirePending(Account account, Optional<String> email, Retirement why, Instant at);

    /** Newest first. */
    List<CodeStatus> list(Account account);

    /** Marks the person's usable code with this hash used by the device, atomically: of two racing activations one wins. */
    boolean use(Account account, String email, String codeHash, String deviceId, Instant at);

    /** The person's code with this hash, whatever its state (to say why it did not work). */
    Optional<CodeStatus> find(Account account, String email, String codeHash);
}
