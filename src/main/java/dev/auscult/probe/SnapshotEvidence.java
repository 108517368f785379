package dev.auscult.probe;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Evidence replayed from a snapshot. A source the snapshot lacks reads as missing. */
public final class SnapshotEvidence implements Evidence {

    private final Snapshot snapshot;
    private final Map<String, Reading> read = new ConcurrentHashMap<>();

    public SnapshotEvidence(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public Reading read(String sourceId) {
        return read.computeIfAbsent(sourceId, id -> {
            Reading r = snapshot.sources().get(id);
            return r != null ? r : Reading.Unavailable.of(id, ReadStatus.MISSING, id + " is not in the snapshot");
        });
    }

    @Override
    public boolean knows(String sourceId) {
        return snapshot.sources().containsKey(sourceId);
    }

    @Override
    public Map<String, Reading> readings() {
        return new TreeMap<>(read);
    }
}
