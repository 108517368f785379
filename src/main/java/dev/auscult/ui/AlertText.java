package dev.auscult.ui;

import dev.auscult.app.Alerts;
import dev.auscult.app.DueDates;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.FormatStyle;

/** A notification's title in the display language, dates in the language's full form. */
final class AlertText {

    private AlertText() {
    }

    static String title(Alerts.Kind kind, UiText text, Instant now, ZoneId zone) {
        return switch (kind) {
            case Alerts.NewProblems p when p.failing() > 0 -> text.get("alert.failing", p.failing());
            case Alerts.NewProblems p -> text.get("alert.unknown", p.unknown());
            case Alerts.NewDeadlines d -> text.get("alert.deadlines", d.count(), DueDates.day(d.first(), zone, text.locale(), FormatStyle.FULL));
            case Alerts.DueTomorrow d -> text.get("alert.dueTomorrow", DueDates.day(d.deadline(), zone, text.locale(), FormatStyle.FULL));
            case Alerts.StillFailing f -> text.get("alert.reminder", f.count());
        };
    }
}
