package dev.auscult.posture;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of one scan. Under replay {@code scannedAt} is the snapshot's recording time (or empty) and
 * {@code durationMillis} is empty, so that replaying a snapshot is deterministic. {@code fixes} are the one-click
 * fixes made on the device recently (newest last), whatever this scan found.
 */
public record ScanReport(
        String agentVersion,
        Optional<Instant> scannedAt,
        OptionalLong durationMillis,
        DeviceFacts device,
        PolicyRef policy,
        Optional<Verdict> status,
        List<PracticeResult> practices,
        List<FixRecord> fixes) {

    public ScanReport {
        practices = List.copyOf(practices);
        fixes = List.copyOf(fixes);
    }

    /** A report with no fixes to tell of. */
    public ScanReport(String agentVersion, Optional<Instant> scannedAt, OptionalLong durationMillis, DeviceFacts device, PolicyRef policy,
                      Optional<Verdict> status, List<PracticeResult> practices) {
        this(agentVersion, scannedAt, durationMillis, device, policy, status, practices, List.of());
    }

    /** The same report telling of these fixes (the agent's recent ones). */
    public ScanReport withFixes(List<FixRecord> recent) {
        return new ScanReport(agentVersion, scannedAt, durationMillis, device, policy, status, practices, recent);
    }

    public Optional<PracticeResult> practice(PracticeId id) {
        return practices.stream().filter(p -> p.practice() == id).findFirst();
    }
}
