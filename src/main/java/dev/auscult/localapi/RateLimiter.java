package dev.auscult.localapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed one-minute window per origin, plus one for all origins together: a page cannot run away, and
 * many origins (a broad host label) cannot add up to more. The per-origin table is bounded: expired
 * windows are dropped when it fills, and while it is full of live windows new origins wait.
 */
final class RateLimiter {

    /** More distinct origins in one minute than any real set of portals; beyond it, state would only grow. */
    static final int MAX_ORIGINS = 1024;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String ALL = "\u0000all";

    private record Window(Instant start, int count) {
    }

    private final int perMinute;
    private final int globalPerMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int perMinute, Clock clock) {
        this(perMinute, perMinute * 5, clock);
    }

    RateLimiter(int perMinute, int globalPerMinute, Clock clock) {
        this.perMinute = perMinute;
        this.globalPerMinute = globalPerMinute;
        this.clock = clock;
    }

    /** Zero when allowed, else the seconds until the origin may try again. */
    long retryAfterSeconds(String origin) {
        Instant now = clock.instant();
        if (!windows.containsKey(origin) && windows.size() >= MAX_ORIGINS) {
            windows.entrySet().removeIf(e -> !now.isBefore(e.getValue().start().plus(WINDOW)));
            if (windows.size() >= MAX_ORIGINS) {
                return Math.max(1, windows.values().stream().map(w -> Duration.between(now, w.start().plus(WINDOW)).toSeconds())
                        .min(Long::compare).orElse(60L));
            }
        }
        long global = count(ALL, now, globalPerMinute);
        if (global > 0) {
            return global;
        }
        return count(origin, now, perMinute);
    }

    private long count(String key, Instant now, int limit) {
        Window w = windows.compute(key, (k, old) -> old == null || !now.isBefore(old.start().plus(WINDOW))
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (w.count() <= limit) {
            return 0;
        }
        return Math.max(1, Duration.between(now, w.start().plus(WINDOW)).toSeconds());
    }

    /** How many windows are kept (for the test that state stays bounded). */
    int tracked() {
        return windows.size();
    }
}
