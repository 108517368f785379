package dev.auscult.policy;

import dev.auscult.posture.State;
import dev.auscult.posture.Verdict;
import java.util.Optional;

/**
 * The verdict for an on/off practice. "Unsupported" means the platform lacks the feature altogether:
 * only ALWAYS still judges it (a FAIL: the policy demands what this device cannot have); under every other
 * level it is <em>not applicable</em> — no verdict, so it neither counts as a pass nor nags the user about
 * something they cannot change. UNKNOWN evidence is UNKNOWN under every level (Stethoscope passed it, and
 * failed it under NEVER).
 */
public final class RequirementTable {

    private RequirementTable() {
    }

    public static Optional<Verdict> verdict(RequirementOption requirement, State state, boolean supported) {
        return verdict(requirement, state, supported, false);
    }

    /** @param partial ON with recommended sub-settings off: a NUDGE where ON would pass (Stethoscope's NUDGE result) */
    public static Optional<Verdict> verdict(RequirementOption requirement, State state, boolean supported, boolean partial) {
        if (!supported) {
            return requirement == RequirementOption.ALWAYS ? Optional.of(Verdict.FAIL) : Optional.empty();
        }
        if (partial && state == State.ON) {
            return Optional.of(requirement == RequirementOption.NEVER ? Verdict.FAIL : Verdict.NUDGE);
        }
        return Optional.of(switch (state) {
            case UNKNOWN -> Verdict.UNKNOWN;
            case ON -> requirement == RequirementOption.NEVER ? Verdict.FAIL : Verdict.PASS;
            case OFF -> switch (requirement) {
                case ALWAYS, IF_SUPPORTED -> Verdict.FAIL;
                case SUGGESTED -> Verdict.NUDGE;
                case NEVER -> Verdict.PASS;
            };
        });
    }

    /**
     * What a Stethoscope page expects for a practice this platform does not have: Stethoscope passed it
     * under every level but ALWAYS, and existing pages rely on that.
     */
    public static Verdict stethoscopeVerdict(RequirementOption requirement, State state, boolean supported, boolean partial) {
        return verdict(requirement, state, supported, partial).orElse(Verdict.PASS);
    }
}
