package dev.auscult.probe;

import java.util.Map;

/**
 * The gateway through which probes read raw inputs, by source ID. Each source is read at most once per
 * scan; {@link #readings()} returns everything read so far, which is what a recording stores.
 */
public interface Evidence {

    Reading read(String sourceId);

    /** Starts reading the given sources in parallel, without waiting. */
    default void prefetch(String... sourceIds) {
    }

    Map<String, Reading> readings();

    /**
     * Whether this gateway can answer for the source at all: always on a live machine; for a snapshot, only
     * when it was recorded. Lets a probe keep its older reasoning for snapshots recorded before a source existed.
     */
    default boolean knows(String sourceId) {
        return true;
    }
}
