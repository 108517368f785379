package dev.auscult.posture;

import java.util.Collection;

/**
 * What a policy makes of a state. Ordered from best to worst: an UNKNOWN is worse than a NUDGE because
 * compliance could not be confirmed, and better than a FAIL because nothing was shown to be wrong.
 */
public enum Verdict {
    PASS, NUDGE, UNKNOWN, FAIL;

    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static Verdict worstOf(Collection<Verdict> verdicts) {
        Verdict worst = PASS;
        for (Verdict v : verdicts) {
            worst = worst.worse(v);
        }
        return worst;
    }
}
