package dev.auscult.ui.status;

import java.time.Duration;
import java.time.Instant;

/** "just now", "3 minutes ago", "yesterday": how the footer says when the last scan ran. */
public final class RelativeTime {

    private RelativeTime() {
    }

    public static String since(Instant then, Instant now) {
        return since(then, now, dev.auscult.ui.UiText.ENGLISH);
    }

    public static String since(Instant then, Instant now, dev.auscult.ui.UiText text) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 45) {
            return text.get("time.justNow");
        }
        long m = Math.round(s / 60.0);
        if (m < 60) {
            return text.get("time.minutes", m);
        }
        long h = Math.round(s / 3600.0);
        if (h < 24) {
            return text.get("time.hours", h);
        }
        return text.get("time.days", Math.round(s / 86400.0));
    }

    public static String duration(long millis) {
        return millis < 1000 ? millis + " ms" : String.format("%.1f s", millis / 1000.0);
    }
}
