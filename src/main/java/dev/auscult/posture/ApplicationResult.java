package dev.auscult.posture;

import java.util.Optional;

/** The verdict on one application requirement of the policy. */
public record ApplicationResult(
        String name,
        String assertion,
        Optional<String> requiredVersion,
        Optional<String> installedVersion,
        Verdict verdict,
        Finding finding) {

    /** The finding in the report's words. */
    public String reason() {
        return finding.english();
    }
}
