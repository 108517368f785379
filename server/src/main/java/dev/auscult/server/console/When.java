package dev.auscult.server.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as an administrator reads them: to the minute with the zone said ("2026-12-06 11:07 UTC" — the console has
 * no script to learn the browser's zone), and how long ago where that is what matters ("last seen 3 h ago").
 */
public final class When {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private When() {
    }

    public static String at(Instant t) {
        return MINUTE.format(t);
    }

    public static String day(Instant t) {
        return DAY.format(t);
    }

    /** "just now", "4 min ago", "3 h ago", "2 days ago"; the future as "in 3 days". */
    public static String ago(Instant t, Instant now) {
        Duration d = Duration.between(t, now);
        boolean future = d.isNegative();
        d = d.abs();
        String span;
        if (d.toMinutes() < 1) {
            return future ? "in less than a minute" : "just now";
        } else if (d.toHours() < 1) {
            span = d.toMinutes() + " min";
        } else if (d.toDays() < 2) {
            span = d.toHours() + " h";
        } else {
            span = d.toDays() + " days";
        }
        return future ? "in " + span : span + " ago";
    }

    /** A time as a report states it (ISO-8601, from the device): as {@link #full}, or as it is when it is not one. */
    public static String fullText(String iso, Instant now) {
        try {
            return full(Instant.parse(iso), now);
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /** "2026-12-06 11:07 UTC (3 h ago)". */
    public static String full(Instant t, Instant now) {
        return at(t) + " (" + ago(t, now) + ")";
    }
}
