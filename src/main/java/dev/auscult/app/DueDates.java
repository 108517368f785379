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

/** Deadlines in words, the same in the window, the tray tooltip and notifications ("fix by Tuesday 8 December"). */
public final class DueDates {

    private DueDates() {
    }

    /** "fix by Tuesday 8 December 2026", or "was due …" once it has passed; in the user's time zone and locale. */
    public static String fixBy(Deadline d, Instant now, ZoneId zone, Locale locale) {
        return fixBy(d, now, zone, locale, FormatStyle.FULL);
    }

    /** The short form for a row's title: "fix by 15 Dec 2026" (the locale's medium date). */
    public static String fixByShort(Deadline d, Instant now, ZoneId zone, Locale locale) {
        return fixBy(d, now, zone, locale, FormatStyle.MEDIUM);
    }

    /** The locale's own date ("Tuesday 15 December 2026", "Dienstag, 15. Dezember 2026"). */
    private static String fixBy(Deadline d, Instant now, ZoneId zone, Locale locale, FormatStyle style) {
        String day = DateTimeFormatter.ofLocalizedDate(style).withLocale(locale).withZone(zone).format(d.dueBy());
        return d.passed(now) ? "was due " + day : "fix by " + day;
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
