package dev.auscult.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps slow sources (an application inventory takes seconds) between scans, for the time the catalog
 * allows ({@code cache:} seconds in sources.yaml). Only successful readings are kept.
 */
public final class SourceCache {

    private record Entry(Reading reading, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public SourceCache(Clock clock) {
        this.clock = clock;
    }

    Optional<Reading> get(String id) {
        Entry e = entries.get(id);
        return e != null && clock.instant().isBefore(e.until()) ? Optional.of(e.reading()) : Optional.empty();
    }

    void put(String id, Reading reading, Duration ttl) {
        if (reading.isOk()) {
            entries.put(id, new Entry(reading, clock.instant().plus(ttl)));
        }
    }
}
