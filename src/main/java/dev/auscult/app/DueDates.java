package dev.auscult.app;

import dev.auscult.posture.Deadline;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Deadlines for the window, the tray tooltip and notifications: which one is next, and its day in the user's words. */
public final class DueDates {

    private DueDates() {
    }

    /** The due day in the locale's own words ("Tuesday, 15 December 2026", "Dienstag, 15. Dezember 2026"), in the user's time zone. */
    public static String day(Deadline d, ZoneId zone, Locale locale, FormatStyle style) {
        return DateTimeFormatter.ofLocalizedDate(style).withLocale(locale).withZone(zone).format(d.dueBy());
    }

    /** The earliest deadline still ahead among the report's nudges. */
    public static Optional<PracticeResult> soonest(ScanReport report, Instant now) {
        return report.practices().stream()
                .filter(p -> p.verdict().equals(Optional.of(Verdict.NUDGE)) && p.deadline().isPresent() && !p.deadline().get().passed(now))
                .min(Comparator.comparing(p -> p.deadline().get().dueBy()));
    }

    /** Whether the deadline falls within the next day (time for the reminder the day before). */
    public static boolean dueWithinADay(Deadline d, Instant now) {
        return !d.passed(now) && Duration.between(now, d.dueBy()).compareTo(Duration.ofDays(1)) <= 0;
    }
}
