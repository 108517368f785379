package dev.auscult.policy;

import dev.auscult.posture.PracticeId;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Auscult's policy extension {@code auscult: {graceDays: {...}}}: how many days a newly failing practice
 * is a NUDGE with a due date before it becomes a FAIL. {@code default} covers the practices not listed.
 * Stethoscope ignores the block; a policy without it has no grace.
 */
public record GracePeriods(Map<PracticeId, Integer> days, OptionalInt otherwise) {

    public static final GracePeriods NONE = new GracePeriods(Map.of(), OptionalInt.empty());

    /** The longest grace a policy may give: a year. Beyond that a deadline means nothing. */
    public static final int MAX_DAYS = 365;

    public GracePeriods {
        days = days.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(days));
    }

    /** The practice's grace in days; none (or 0) means a failure is a FAIL at once. */
    public OptionalInt forPractice(PracticeId practice) {
        Integer d = days.get(practice);
        OptionalInt days = d != null ? OptionalInt.of(d) : otherwise;
        return days.isPresent() && days.getAsInt() > 0 ? days : OptionalInt.empty();
    }

    /** Whether no practice gets any grace (every entry, and the default, absent or 0). */
    public boolean isEmpty() {
        return days.values().stream().noneMatch(d -> d > 0) && (otherwise.isEmpty() || otherwise.getAsInt() == 0);
    }
}
