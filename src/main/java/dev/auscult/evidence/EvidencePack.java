package dev.auscult.evidence;

import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One device's evidence for an auditor: the scan's verdicts with their reasons, the raw evidence each
 * verdict read (personal sources withheld), the controls each practice supports, and digests that tie the
 * pack to the recording it came from. Written as JSON, CSV or PDF by the classes beside this one.
 *
 * @param scannedAt      when the evidence was read (a replayed recording: when it was recorded, if it says)
 * @param sources        the excerpts, keyed and ordered by source ID
 * @param evidenceSha256 SHA-256 over the excerpts this pack contains (see {@link EvidencePacks#digest})
 * @param snapshotSha256 SHA-256 of the whole device-snapshot/1 recording, as {@code auscult scan --record} writes it
 */
public record EvidencePack(String generatedBy, ScanReport report, Optional<Instant> scannedAt,
                           List<ControlCatalog.Framework> frameworks, Optional<String> benchmark,
                           List<Practice> practices, Map<String, Excerpt> sources,
                           String evidenceSha256, String snapshotSha256) {

    public static final String FORMAT = "evidence-pack/1";

    public EvidencePack {
        frameworks = List.copyOf(frameworks);
        practices = List.copyOf(practices);
        sources = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sources));
    }

    /** One practice: its result, its name as people say it, and the controls it supports. */
    public record Practice(PracticeResult result, String name, List<ControlCatalog.Control> controls) {
        public Practice {
            controls = List.copyOf(controls);
        }
    }

    /**
     * What one evidence source read, as the pack shows it. {@code withheld}: personal data (a whole software
     * inventory, mount points) that the organisation's backend never receives, so the pack does not either.
     */
    public record Excerpt(String id, String status, String text, boolean withheld, boolean truncated) {
    }

    /** How many practices ended with each verdict, and how many do not apply. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.name(), practices.stream().filter(p -> p.result().verdict().equals(Optional.of(v))).count());
        }
        counts.put("NOT_APPLICABLE", practices.stream().filter(p -> p.result().notApplicable()).count());
        return counts;
    }

    /** The sentence every format carries about re-checking the verdicts. */
    public String replayStatement() {
        return "Replaying the device-snapshot/1 recording whose SHA-256 is " + snapshotSha256
                + " with 'auscult scan --replay FILE' reproduces these verdicts (the recording is written by"
                + " 'auscult export --snapshot FILE' or 'auscult scan --record FILE'; it holds everything the scan read,"
                + " personal sources included, and is shared only by the device's user).";
    }
}
