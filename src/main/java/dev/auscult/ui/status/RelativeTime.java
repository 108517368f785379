package dev.auscult.ui.status;

import java.time.Duration;
import java.time.Instant;

/** "just now", "3 minutes ago", "yesterday": how the footer says when the last scan ran. */
public final class RelativeTime {

    private RelativeTime() {
    }

    public static String since(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 45) {
            return "just now";
        }
        long m = Math.round(s / 60.0);
        if (m < 60) {
            return m == 1 ? "a minute ago" : m + " minutes ago";
        }
        long h = Math.round(s / 3600.0);
        if (h < 24) {
            return h == 1 ? "an hour ago" : h + " hours ago";
        }
        long d = Math.round(s / 86400.0);
        return d == 1 ? "yesterday" : d + " days ago";
    }

    public static String duration(long millis) {
        return millis < 1000 ? millis + " ms" : String.format("%.1f s", millis / 1000.0);
    }
}
