package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import dev.auscult.server.store.AttemptStore;
import dev.auscult.server.store.Tx;

/**
 * Tries counted per key in the database, one atomic statement per try, so concurrent guesses cannot overshoot a
 * limit and every server instance sees the same counts. A try is counted when it is taken, before it is
 * evaluated; a success gives it back. A key that goes over its allowance within the window is held, and each
 * further hold waits longer (Keycloak's brute-force detection: wait increment, max wait, failure reset).
 */
public final class Attempts {

    /** How many tries a key has per window, how long its first hold lasts, and the longest any hold lasts. */
    public record Rule(int allowed, Duration window, Duration firstHold, Duration maxHold) {
        Duration hold(int strikes) {
            Duration d = firstHold.multipliedBy(1L << Math.min(strikes - 1, 20));
            return d.compareTo(maxHold) > 0 ? maxHold : d;
        }
    }

    /** A try taken (go ahead), or refused because the key is held until then. */
    public sealed interface Turn {
        record Go() implements Turn {
        }

        /** {@code placed}: this very try started the hold (tell someone once, not at every refused try). */
        record Held(Instant until, boolean placed) implements Turn {
        }
    }

    /** Strikes are forgotten after this long without a failure, as Keycloak's failure reset time. */
    static final Duration STRIKES_RESET = Duration.ofHours(12);

    private final Tx tx;
    private final Clock clock;

    public Attempts(Tx tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** Counts a try for the key; held when it is held already or this try goes over the allowance. */
    public Turn take(String key, Rule rule) {
        Instant now = clock.instant();
        String k = key.length() > 400 ? key.substring(0, 400) : key;
        return tx.run(s -> {
            AttemptStore.Count row = s.attempts().count(k, now, now.minus(rule.window()), now.minus(STRIKES_RESET));
            if (row.heldUntil().filter(now::isBefore).isPresent()) {
                return new Turn.Held(row.heldUntil().get(), false);
            }
            if (row.tries() <= rule.allowed()) {
                return new Turn.Go();
            }
            int strikes = row.strikes() + 1;
            Instant until = now.plus(rule.hold(strikes));
            s.attempts().hold(k, strikes, until, now);
            return new Turn.Held(until, true);
        });
    }

    /** Whether the key is held now, without counting a try. */
    public Optional<Instant> heldUntil(String key) {
        Instant now = clock.instant();
        return tx.read(s -> s.attempts().heldUntil(key)).filter(now::isBefore);
    }

    /** Tries counted for the key in its current window (0 when none). */
    public int tries(String key) {
        return tx.read(s -> s.attempts().tries(key));
    }

    /** A try that succeeded is given back. */
    public void giveBack(String key) {
        tx.use(s -> s.attempts().giveBack(key));
    }

    /** Forgets the key: a success that proves the owner (a sign-in), or an administrator lifting a hold. */
    public void clear(String key) {
        tx.use(s -> s.attempts().clear(key));
    }

    /** Forgets every key that begins so (all holds on one administrator's name). Returns how many. */
    public int clearAll(String prefix) {
        return tx.run(s -> s.attempts().clearAll(prefix));
    }
}
