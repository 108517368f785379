package dev.auscult.policy;

import dev.auscult.posture.PracticeId;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which practices may offer a one-click fix: the policy's {@code auscult: {fixes: …}} and the fleet's managed
 * configuration ({@code fixes: …}) say it the same way, and a fix is offered only when both allow it.
 *
 * <pre>
 * auscult:
 *   fixes: false                      # no fix buttons at all
 *   fixes: {firewall: false}          # every fix but the firewall's
 *   fixes: {default: false, screenLock: true}
 * </pre>
 */
public record FixRules(boolean byDefault, Map<PracticeId, Boolean> practices) {

    public static final FixRules ALL = new FixRules(true, Map.of());
    public static final FixRules NONE = new FixRules(false, Map.of());

    public FixRules {
        practices = practices.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(practices));
    }

    public boolean allows(PracticeId practice) {
        return practices.getOrDefault(practice, byDefault);
    }

    /** Both must allow a fix: the policy's rules and the fleet's. */
    public FixRules and(FixRules other) {
        Map<PracticeId, Boolean> both = new EnumMap<>(PracticeId.class);
        for (PracticeId p : PracticeId.values()) {
            both.put(p, allows(p) && other.allows(p));
        }
        return new FixRules(byDefault && other.byDefault, both);
    }
}
