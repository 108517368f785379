package dev.auscult.probe;

import dev.auscult.posture.OsPlatform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds replay evidence by hand for probe tests: the same gateway a snapshot replay uses. */
public final class Recorded {

    private final OsPlatform platform;
    private final Map<String, Reading> readings = new LinkedHashMap<>();

    private Recorded(OsPlatform platform) {
        this.platform = platform;
    }

    public static Recorded on(OsPlatform platform) {
        return new Recorded(platform);
    }

    public Recorded command(String id, int exitCode, String stdout) {
        return command(id, exitCode, stdout, "");
    }

    public Recorded command(String id, int exitCode, String stdout, String stderr) {
        readings.put(id, new Reading.CommandOutput(id, exitCode, stdout, stderr));
        return this;
    }

    public Recorded file(String id, String content) {
        readings.put(id, new Reading.FileContent(id, content));
        return this;
    }

    public Recorded env(String id, String value) {
        readings.put(id, new Reading.EnvValue(id, value));
        return this;
    }

    public Recorded unavailable(String id, ReadStatus status, String message) {
        readings.put(id, Reading.Unavailable.of(id, status, message));
        return this;
    }

    public Snapshot snapshot() {
        return new Snapshot(platform, "hand-built", "test", Optional.empty(), readings);
    }

    public Evidence evidence() {
        return new SnapshotEvidence(snapshot());
    }
}
