package dev.auscult.policy;

import dev.auscult.posture.State;
import dev.auscult.posture.Verdict;

/**
 * The verdict for an on/off practice. "Unsupported" means the platform lacks the feature altogether:
 * it counts as OFF, except that IF_SUPPORTED passes it. UNKNOWN evidence is UNKNOWN under every level
 * (Stethoscope passed it, and failed it under NEVER).
 */
public final class RequirementTable {

    private RequirementTable() {
    }

    public static Verdict verdict(RequirementOption requirement, State state, boolean supported) {
        return verdict(requirement, state, supported, false);
    }

    /** @param partial ON with recommended sub-settings off: a NUDGE where ON would pass (Stethoscope's NUDGE result) */
    public static Verdict verdict(RequirementOption requirement, State state, boolean supported, boolean partial) {
        if (partial && state == State.ON && supported) {
            return requirement == RequirementOption.NEVER ? Verdict.FAIL : Verdict.NUDGE;
        }
        if (!supported) {
            return switch (requirement) {
                case ALWAYS -> Verdict.FAIL;
                case SUGGESTED -> Verdict.NUDGE;
                case IF_SUPPORTED, NEVER -> Verdict.PASS;
            };
        }
        return switch (state) {
            case UNKNOWN -> Verdict.UNKNOWN;
            case ON -> requirement == RequirementOption.NEVER ? Verdict.FAIL : Verdict.PASS;
            case OFF -> switch (requirement) {
                case ALWAYS, IF_SUPPORTED -> Verdict.FAIL;
                case SUGGESTED -> Verdict.NUDGE;
                case NEVER -> Verdict.PASS;
            };
        };
    }
}
