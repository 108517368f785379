package dev.auscult.ui.tray;

import dev.auscult.app.AgentState;
import dev.auscult.app.DueDates;
import dev.auscult.posture.Verdict;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The one line a tray icon's tooltip says about the state, the same on every kind of tray. */
final class TrayStatusText {

    private TrayStatusText() {
    }

    static String of(AgentState state, Instant now, ZoneId zone, Locale locale) {
        if (state.scanning()) {
            return "scanning…";
        }
        return state.report().map(r -> {
            long failing = r.practices().stream().filter(p -> p.verdict().orElse(Verdict.PASS) == Verdict.FAIL).count();
            String status = r.status().map(v -> switch (v) {
                case PASS -> "all checks pass";
                case NUDGE -> DueDates.soonest(r, now)
                        .map(p -> "a setting to " + DueDates.fixBy(p.deadline().get(), now, zone, locale))
                        .orElse("some settings could be safer");
                case UNKNOWN -> "some settings could not be checked";
                case FAIL -> failing == 1 ? "1 setting needs attention" : failing + " settings need attention";
            }).orElse("nothing checked");
            return status + r.scannedAt().map(t -> " · last scan " + DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(t)).orElse("");
        }).orElse("not scanned yet");
    }

    static int failing(AgentState state) {
        return state.report().map(r -> (int) r.practices().stream()
                .filter(p -> p.verdict().orElse(Verdict.PASS) == Verdict.FAIL).count()).orElse(0);
    }
}
