package dev.auscult.posture;

import java.util.List;
import java.util.Optional;

/**
 * One row of the scan report: the observation plus the policy's verdict on it. The verdict is empty when
 * the policy does not mention the practice (the state is still reported, so the inventory is complete).
 */
public record PracticeResult(
        Observation observation,
        Optional<Verdict> verdict,
        Optional<String> requirement,
        String reason,
        List<ApplicationResult> applications) {

    public PracticeResult {
        applications = List.copyOf(applications);
    }

    /**
     * The policy asks for the practice but this platform cannot have it (Gatekeeper on Linux): no verdict,
     * and it is not a pass either.
     */
    public boolean notApplicable() {
        return verdict.isEmpty() && requirement.isPresent() && !observation.supported();
    }

    public PracticeId practice() {
        return observation.practice();
    }
}
