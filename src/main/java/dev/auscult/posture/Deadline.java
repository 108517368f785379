package dev.auscult.posture;

import java.time.Instant;

/**
 * When a failing practice must be fixed: it has failed since {@code failingSince}, and the policy's grace
 * period ends at {@code dueBy}. Before then the verdict is NUDGE; from then on, FAIL.
 */
public record Deadline(Instant failingSince, Instant dueBy) {

    public boolean passed(Instant now) {
        return !now.isBefore(dueBy);
    }
}
