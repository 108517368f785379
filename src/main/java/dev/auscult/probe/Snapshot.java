package dev.auscult.probe;

import dev.auscult.posture.OsPlatform;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@code device-snapshot/1}: every raw input one scan read on one device, keyed by source ID. */
public record Snapshot(OsPlatform platform, String label, String provenance, Optional<Instant> recordedAt,
                       Map<String, Reading> sources) {

    public static final String FORMAT = "device-snapshot/1";

    public Snapshot {
        sources = new TreeMap<>(sources);
    }
}
