package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The {@code attempt_counters} table: tries counted per key (the key names what is counted — an account and a client,
 * an administrator's name — so the table is the server's, not an account's).
 */
public interface AttemptStore {

    /** A key's count after a try: tries in the window, strikes (holds so far), and the hold it is under. */
    record Count(int tries, int strikes, Optional<Instant> heldUntil) {
    }

    /**
     * Counts a try, in one atomic statement: a held key's count stays; a window begun before {@code windowStart} starts
     * again at 1; strikes older than {@code strikesReset} are forgotten.
     */
    Count count(String key, Instant now, Instant windowStart, Instant strikesReset);

    /** Places a hold: the key's tries start again after it. */
    void hold(String key, int strikes, Instant until, Instant now);

    /** The hold recorded for the key, whether or not it has ended. */
    Optional<Instant> heldUntil(String key);

    int tries(String key);

    void giveBack(String key);

    void clear(String key);

    /** Returns how many keys beginning so were forgotten. */
    int clearAll(String prefix);
}
