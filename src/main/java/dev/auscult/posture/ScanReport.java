package dev.auscult.posture;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of one scan. Under replay {@code scannedAt} is the snapshot's recording time (or empty) and
 * {@code durationMillis} is empty, so that replaying a snapshot is deterministic.
 */
public record ScanReport(
        String agentVersion,
        Optional<Instant> scannedAt,
        OptionalLong durationMillis,
        DeviceFacts device,
        PolicyRef policy,
        Optional<Verdict> status,
        List<PracticeResult> practices) {

    public ScanReport {
        practices = List.copyOf(practices);
    }

    public Optional<PracticeResult> practice(PracticeId id) {
        return practices.stream().filter(p -> p.practice() == id).findFirst();
    }
}
