package dev.auscult.fix;

import dev.auscult.posture.Finding;
import dev.auscult.posture.PracticeId;
import java.util.List;

/**
 * A fix that can be offered for one practice on this device: what it does in words, whose rights it needs,
 * and the exact programs it runs. Plans are made from the scan's own evidence (which desktop, which firewall),
 * so the fix changes what the check read.
 *
 * @param id       stable name of the fix (e.g. {@code linux.gnome-screen-lock}), recorded with each run
 * @param opensOnly true when the fix only opens the OS's own tool (the updater) rather than changing a setting
 */
public record FixPlan(String id, PracticeId practice, Finding what, Elevation elevation, List<FixStep> steps, boolean opensOnly) {

    public FixPlan {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a fix runs at least one program");
        }
    }

    /** What is said after the description: a password prompt to expect, or none. */
    public Finding note() {
        if (opensOnly) {
            return Finding.of(FixPhrase.OPENS_ONLY);
        }
        return Finding.of(elevation.asksPassword() ? FixPhrase.ASKS_PASSWORD : FixPhrase.CHANGES_YOUR_SETTINGS);
    }

    /** Every command, one per line, as shown before it runs. */
    public List<String> commands() {
        return steps.stream().map(FixStep::shown).toList();
    }
}
