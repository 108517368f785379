package dev.auscult.posture;

import java.util.Optional;

/** The verdict on one application requirement of the policy. */
public record ApplicationResult(
        String name,
        String assertion,
        Optional<String> requiredVersion,
        Optional<String> installedVersion,
        Verdict verdict,
        String reason) {
}
