package dev.auscult.localapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A fixed one-minute window per origin: enough to stop a runaway page without state to tune. */
final class RateLimiter {

    private record Window(Instant start, int count) {
    }

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Zero when allowed, else the seconds until the origin may try again. */
    long retryAfterSeconds(String origin) {
        Instant now = clock.instant();
        Window w = windows.compute(origin, (k, old) -> old == null || !now.isBefore(old.start().plus(Duration.ofMinutes(1)))
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (w.count() <= perMinute) {
            return 0;
        }
        return Math.max(1, Duration.between(now, w.start().plus(Duration.ofMinutes(1))).toSeconds());
    }
}
