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
        Finding finding,
        List<ApplicationResult> applications,
        Optional<Deadline> deadline) {

    public PracticeResult {
        applications = List.copyOf(applications);
    }

    /** A result without a deadline (no grace period applies). */
    public PracticeResult(Observation observation, Optional<Verdict> verdict, Optional<String> requirement, Finding finding,
                          List<ApplicationResult> applications) {
        this(observation, verdict, requirement, finding, applications, Optional.empty());
    }

    /** The finding in the report's words. */
    public String reason() {
        return finding.english();
    }

    /** The same result judged again under a grace period: NUDGE until the deadline, FAIL after it. */
    public PracticeResult withDeadline(Verdict judged, Deadline due) {
        return new PracticeResult(observation, Optional.of(judged), requirement, finding, applications, Optional.of(due));
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
