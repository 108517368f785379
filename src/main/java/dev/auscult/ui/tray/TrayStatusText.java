package dev.auscult.ui.tray;

import dev.auscult.app.AgentState;
import dev.auscult.app.DueDates;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.UiText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** The one line a tray icon's tooltip says about the state, the same on every kind of tray. */
public final class TrayStatusText {

    private TrayStatusText() {
    }

    /** The tooltip's line in the display language; the due date in its long form ("8 December 2026"). */
    public static String of(AgentState state, Instant now, ZoneId zone, UiText text) {
        if (state.scanning()) {
            return text.get("tip.scanning");
        }
        int failing = failing(state);
        return state.report().map(r -> {
            String status = r.status().map(v -> switch (v) {
                case PASS -> text.get("tip.pass");
                case NUDGE -> DueDates.soonest(r, now)
                        .map(p -> text.get("tip.due", DueDates.day(p.deadline().get(), zone, text.locale(), FormatStyle.LONG)))
                        .orElse(text.get("tip.nudge"));
                case UNKNOWN -> text.get("tip.unknown");
                case FAIL -> text.get("tip.fail", failing);
            }).orElse(text.get("tip.nothingChecked"));
            return r.scannedAt().map(t -> text.get("tip.lastScan", status, DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                    .withLocale(text.locale()).withZone(zone).format(t))).orElse(status);
        }).orElse(text.get("tip.notScanned"));
    }

    public static int failing(AgentState state) {
        return state.report().map(r -> (int) r.practices().stream()
                .filter(p -> p.verdict().orElse(Verdict.PASS) == Verdict.FAIL).count()).orElse(0);
    }
}
