package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

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

    private final Jdbi jdbi;
    private final Clock clock;

    public Attempts(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Counts a try for the key; held when it is held already or this try goes over the allowance. */
    public Turn take(String key, Rule rule) {
        Instant now = clock.instant();
        String k = key.length() > 400 ? key.substring(0, 400) : key;
        return jdbi.inTransaction(h -> {
            record Row(int tries, int strikes, Optional<Instant> heldUntil) {
            }
            Row row = h.createQuery("INSERT INTO attempt_counters (counter_key, tries, window_start, strikes, held_until) VALUES (:k, 1, :now, 0, NULL) "
                            + "ON CONFLICT (counter_key) DO UPDATE SET "
                            + "tries = CASE WHEN attempt_counters.held_until > :now THEN attempt_counters.tries "
                            + "  WHEN attempt_counters.window_start < :windowStart THEN 1 ELSE attempt_counters.tries + 1 END, "
                            + "strikes = CASE WHEN attempt_counters.window_start < :strikesReset THEN 0 ELSE attempt_counters.strikes END, "
                            + "window_start = CASE WHEN attempt_counters.held_until > :now THEN attempt_counters.window_start "
                            + "  WHEN attempt_counters.window_start < :windowStart THEN :now ELSE attempt_counters.window_start END "
                            + "RETURNING tries, strikes, held_until")
                    .bind("k", k).bind("now", now).bind("windowStart", now.minus(rule.window())).bind("strikesReset", now.minus(STRIKES_RESET))
                    .map((rs, ctx) -> new Row(rs.getInt(1), rs.getInt(2), Optional.ofNullable(rs.getTimestamp(3)).map(java.sql.Timestamp::toInstant)))
                    .one();
            if (row.heldUntil().filter(now::isBefore).isPresent()) {
                return new Turn.Held(row.heldUntil().get(), false);
            }
            if (row.tries() <= rule.allowed()) {
                return new Turn.Go();
            }
            int strikes = row.strikes() + 1;
            Instant until = now.plus(rule.hold(strikes));
            h.createUpdate("UPDATE attempt_counters SET strikes = :s, held_until = :until, tries = 0, window_start = :now WHERE counter_key = :k")
                    .bind("s", strikes).bind("until", until).bind("now", now).bind("k", k).execute();
            return new Turn.Held(until, true);
        });
    }

    /** Whether the key is held now, without counting a try. */
    public Optional<Instant> heldUntil(String key) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("SELECT held_until FROM attempt_counters WHERE counter_key = :k").bind("k", key)
                .map((rs, ctx) -> Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant)).findOne().flatMap(o -> o))
                .filter(now::isBefore);
    }

    /** Tries counted for the key in its current window (0 when none). */
    public int tries(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tries FROM attempt_counters WHERE counter_key = :k").bind("k", key).mapTo(Integer.class)
                .findOne().orElse(0));
    }

    /** A try that succeeded is given back. */
    public void giveBack(String key) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE attempt_counters SET tries = CASE WHEN tries > 0 THEN tries - 1 ELSE 0 END WHERE counter_key = :k")
                .bind("k", key).execute());
    }

    /** Forgets the key: a success that proves the owner (a sign-in), or an administrator lifting a hold. */
    public void clear(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM attempt_counters WHERE counter_key = :k").bind("k", key).execute());
    }

    /** Forgets every key that begins so (all holds on one administrator's name). Returns how many. */
    public int clearAll(String prefix) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM attempt_counters WHERE counter_key LIKE :p ESCAPE '!'")
                .bind("p", prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%").execute());
    }
}
