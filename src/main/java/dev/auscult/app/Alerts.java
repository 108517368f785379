package dev.auscult.app;

import dev.auscult.posture.Deadline;
import dev.auscult.posture.Finding;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which notification, if any, a new report deserves: one when a practice newly fails or becomes
 * UNKNOWN, otherwise at most one reminder a day while something fails, and nothing while snoozed.
 */
public final class Alerts {

    /**
     * A notification to show: {@code kind} says why (the UI words its title), {@code finding} is what was found
     * for the practice it is about, and {@code practice} the row the window should open on.
     */
    public record Alert(Kind kind, Finding finding, Optional<PracticeId> practice, boolean reminder) {
    }

    /** Why the notification is shown, with what its title needs. */
    public sealed interface Kind {
    }

    /** Practices that newly fail, or newly cannot be checked (then {@code failing} is 0). */
    public record NewProblems(long failing, long unknown) implements Kind {
    }

    /** Practices newly failing within their grace period; the earliest deadline. */
    public record NewDeadlines(long count, Deadline first) implements Kind {
    }

    public record DueTomorrow(Deadline deadline) implements Kind {
    }

    /** The daily reminder while something fails. */
    public record StillFailing(long count) implements Kind {
    }

    static final Duration REMINDER_EVERY = Duration.ofHours(24);

    private Alerts() {
    }

    public static Optional<Alert> decide(Map<PracticeId, Verdict> before, ScanReport current, UserSettings settings, Instant now) {
        List<PracticeResult> worse = current.practices().stream()
                .filter(p -> p.verdict().map(v -> v == Verdict.FAIL || v == Verdict.UNKNOWN).orElse(false))
                .filter(p -> before.get(p.practice()) != p.verdict().get())
                .toList();
        if (!worse.isEmpty()) {
            PracticeResult first = worse.stream().filter(p -> p.verdict().get() == Verdict.FAIL).findFirst().orElse(worse.getFirst());
            long failing = worse.stream().filter(p -> p.verdict().get() == Verdict.FAIL).count();
            long unknown = worse.size() - failing;
            return Optional.of(new Alert(new NewProblems(failing, unknown), first.finding(), Optional.of(first.practice()), false));
        }
        // a new failure within its grace period: said once, with its date
        List<PracticeResult> graced = current.practices().stream()
                .filter(p -> p.verdict().equals(Optional.of(Verdict.NUDGE)) && p.deadline().isPresent())
                .filter(p -> before.get(p.practice()) != Verdict.NUDGE)
                .toList();
        if (!graced.isEmpty()) {
            PracticeResult first = graced.stream().min(java.util.Comparator.comparing(p -> p.deadline().get().dueBy())).orElseThrow();
            return Optional.of(new Alert(new NewDeadlines(graced.size(), first.deadline().get()), first.finding(),
                    Optional.of(first.practice()), false));
        }
        boolean failing = current.practices().stream().anyMatch(p -> p.verdict().orElse(Verdict.PASS) == Verdict.FAIL);
        boolean snoozed = settings.snoozedUntil().map(now::isBefore).orElse(false);
        boolean dueReminder = settings.lastReminderAt().map(t -> !now.isBefore(t.plus(REMINDER_EVERY))).orElse(true);
        Optional<PracticeResult> dueSoon = DueDates.soonest(current, now).filter(p -> DueDates.dueWithinADay(p.deadline().get(), now));
        if (!failing && dueSoon.isPresent() && !snoozed && dueReminder) {
            // the reminder the day before a deadline (counted as the day's reminder, so never more than one a day)
            return Optional.of(new Alert(new DueTomorrow(dueSoon.get().deadline().get()), dueSoon.get().finding(),
                    Optional.of(dueSoon.get().practice()), true));
        }
        if (failing && !snoozed && dueReminder) {
            long count = current.practices().stream().filter(p -> p.verdict().orElse(Verdict.PASS) == Verdict.FAIL).count();
            PracticeResult first = current.practices().stream().filter(p -> p.verdict().orElse(Verdict.PASS) == Verdict.FAIL).findFirst().orElseThrow();
            return Optional.of(new Alert(new StillFailing(count), first.finding(), Optional.of(first.practice()), true));
        }
        return Optional.empty();
    }

    /** The verdicts of a report, which is all a later comparison needs (and all that is persisted). */
    public static Map<PracticeId, Verdict> verdicts(ScanReport report) {
        Map<PracticeId, Verdict> out = new EnumMap<>(PracticeId.class);
        report.practices().forEach(p -> p.verdict().ifPresent(v -> out.put(p.practice(), v)));
        return out;
    }
}
