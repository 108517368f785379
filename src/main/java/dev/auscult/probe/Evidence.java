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
}
