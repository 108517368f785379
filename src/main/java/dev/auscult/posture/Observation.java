package dev.auscult.posture;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a probe found out about one practice: the state, an optional measured value, a plain-words reason
 * and the IDs of the evidence sources it is based on.
 *
 * @param supported false when the platform does not have the feature at all (Gatekeeper on Linux),
 *                  which is the one case IF_SUPPORTED forgives
 * @param partial   ON, but some recommended sub-settings are off (macOS checks for updates but does not
 *                  install them by itself): the policy makes this a NUDGE rather than a PASS
 * @param details   named sub-results (a firewall profile, an update sub-setting), sorted by name
 */
public record Observation(
        PracticeId practice,
        State state,
        OptionalLong value,
        String reason,
        List<String> evidence,
        SortedMap<String, String> details,
        boolean supported,
        boolean partial) {

    public Observation {
        evidence = List.copyOf(evidence);
        details = new TreeMap<>(details);
    }

    public static Observation on(PracticeId practice, String reason, List<String> evidence) {
        return new Observation(practice, State.ON, OptionalLong.empty(), reason, evidence, new TreeMap<>(), true, false);
    }

    public static Observation off(PracticeId practice, String reason, List<String> evidence) {
        return new Observation(practice, State.OFF, OptionalLong.empty(), reason, evidence, new TreeMap<>(), true, false);
    }

    public static Observation unknown(PracticeId practice, String reason, List<String> evidence) {
        return new Observation(practice, State.UNKNOWN, OptionalLong.empty(), reason, evidence, new TreeMap<>(), true, false);
    }

    /** The platform lacks the feature: reported as OFF, and marked so IF_SUPPORTED can pass it. */
    public static Observation unsupported(PracticeId practice, String reason) {
        return new Observation(practice, State.OFF, OptionalLong.empty(), reason, List.of(), new TreeMap<>(), false, false);
    }

    public Observation withValue(long measured) {
        return new Observation(practice, state, OptionalLong.of(measured), reason, evidence, details, supported, partial);
    }

    /** Marks an ON observation as only partly meeting the practice (see {@code partial}). */
    public Observation asPartial() {
        return new Observation(practice, state, value, reason, evidence, details, supported, state == State.ON);
    }

    public Observation withDetails(Map<String, String> more) {
        TreeMap<String, String> merged = new TreeMap<>(details);
        merged.putAll(more);
        return new Observation(practice, state, value, reason, evidence, merged, supported, partial);
    }
}
