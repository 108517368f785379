package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link AttemptStore} in SQL: an upsert with RETURNING, which both engines have. */
final class JdbiAttemptStore implements AttemptStore {

    private final Handle h;

    JdbiAttemptStore(Handle h) {
        this.h = h;
    }

    @Override
    public Count count(String key, Instant now, Instant windowStart, Instant strikesReset) {
        return h.createQuery("INSERT INTO attempt_counters (counter_key, tries, window_start, strikes, held_until) VALUES (:k, 1, :now, 0, NULL) "
                        + "ON CONFLICT (counter_key) DO UPDATE SET "
                        + "tries = CASE WHEN attempt_counters.held_until > :now THEN attempt_counters.tries "
                        + "  WHEN attempt_counters.window_start < :windowStart THEN 1 ELSE attempt_counters.tries + 1 END, "
                        + "strikes = CASE WHEN attempt_counters.window_start < :strikesReset THEN 0 ELSE attempt_counters.strikes END, "
                        + "window_start = CASE WHEN attempt_counters.held_until > :now THEN attempt_counters.window_start "
                        + "  WHEN attempt_counters.window_start < :windowStart THEN :now ELSE attempt_counters.window_start END "
                        + "RETURNING tries, strikes, held_until")
                .bind("k", key).bind("now", now).bind("windowStart", windowStart).bind("strikesReset", strikesReset)
                .map((rs, ctx) -> new Count(rs.getInt(1), rs.getInt(2), Columns.maybeInstant(rs, "held_until"))).one();
    }

    @Override
    public void hold(String key, int strikes, Instant until, Instant now) {
        h.createUpdate("UPDATE attempt_counters SET strikes = :s, held_until = :until, tries = 0, window_start = :now WHERE counter_key = :k")
                .bind("s", strikes).bind("until", until).bind("now", now).bind("k", key).execute();
    }

    @Override
    public Optional<Instant> heldUntil(String key) {
        return h.createQuery("SELECT held_until FROM attempt_counters WHERE counter_key = :k").bind("k", key)
                .map((rs, ctx) -> Columns.maybeInstant(rs, "held_until")).findOne().flatMap(o -> o);
    }

    @Override
    public int tries(String key) {
        return h.createQuery("SELECT tries FROM attempt_counters WHERE counter_key = :k").bind("k", key).mapTo(Integer.class).findOne().orElse(0);
    }

    @Override
    public void giveBack(String key) {
        h.createUpdate("UPDATE attempt_counters SET tries = CASE WHEN tries > 0 THEN tries - 1 ELSE 0 END WHERE counter_key = :k").bind("k", key).execute();
    }

    @Override
    public void clear(String key) {
        h.createUpdate("DELETE FROM attempt_counters WHERE counter_key = :k").bind("k", key).execute();
    }

    @Override
    public int clearAll(String prefix) {
        return h.createUpdate("DELETE FROM attempt_counters WHERE counter_key LIKE :p ESCAPE '!'")
                .bind("p", prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%").execute();
    }
}
