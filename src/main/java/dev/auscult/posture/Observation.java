package dev.auscult.posture;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a probe found out about one practice: the state, an optional measured value, the finding in words
 * (a phrase, so it can be said in the user's language) and the IDs of the evidence sources it is based on.
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
        Finding finding,
        List<String> evidence,
        SortedMap<String, String> details,
        boolean supported,
        boolean partial) {

    public Observation {
        evidence = List.copyOf(evidence);
        details = new TreeMap<>(details);
    }

    public static Observation on(PracticeId practice, Finding finding, List<String> evidence) {
        return new Observation(practice, State.ON, OptionalLong.empty(), finding, evidence, new TreeMap<>(), true, false);
    }

    public static Observation on(PracticeId practice, String reason, List<String> evidence) {
        return on(practice, Finding.plain(reason), evidence);
    }

    public static Observation off(PracticeId practice, Finding finding, List<String> evidence) {
        return new Observation(practice, State.OFF, OptionalLong.empty(), finding, evidence, new TreeMap<>(), true, false);
    }

    public static Observation off(PracticeId practice, String reason, List<String> evidence) {
        return off(practice, Finding.plain(reason), evidence);
    }

    public static Observation unknown(PracticeId practice, Finding finding, List<String> evidence) {
        return new Observation(practice, State.UNKNOWN, OptionalLong.empty(), finding, evidence, new TreeMap<>(), true, false);
    }

    public static Observation unknown(PracticeId practice, String reason, List<String> evidence) {
        return unknown(practice, Finding.plain(reason), evidence);
    }

    /** The platform lacks the feature: reported as OFF, and marked so IF_SUPPORTED can pass it. */
    public static Observation unsupported(PracticeId practice, Finding finding) {
        return new Observation(practice, State.OFF, OptionalLong.empty(), finding, List.of(), new TreeMap<>(), false, false);
    }

    /** The finding in the report's words. */
    public String reason() {
        return finding.english();
    }

    public Observation withValue(long measured) {
        return new Observation(practice, state, OptionalLong.of(measured), finding, evidence, details, supported, partial);
    }

    /** Marks an ON observation as only partly meeting the practice (see {@code partial}). */
    public Observation asPartial() {
        return new Observation(practice, state, value, finding, evidence, details, supported, state == State.ON);
    }

    public Observation withDetails(Map<String, String> more) {
        TreeMap<String, String> merged = new TreeMap<>(details);
        merged.putAll(more);
        return new Observation(practice, state, value, finding, evidence, merged, supported, partial);
    }
}
