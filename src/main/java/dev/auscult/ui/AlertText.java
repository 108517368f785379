package dev.auscult.ui;

import dev.auscult.app.Alerts;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** A notification's title in the display language, dates in the language's full form. */
final class AlertText {

    private AlertText() {
    }

    static String title(Alerts.Kind kind, UiText text, Instant now, ZoneId zone) {
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(text.locale()).withZone(zone);
        return switch (kind) {
            case Alerts.NewProblems p when p.failing() > 0 -> text.get("alert.failing", p.failing());
            case Alerts.NewProblems p -> text.get("alert.unknown", p.unknown());
            case Alerts.NewDeadlines d -> text.get("alert.deadlines", d.count(), day.format(d.first().dueBy()));
            case Alerts.DueTomorrow d -> text.get("alert.dueTomorrow", day.format(d.deadline().dueBy()));
            case Alerts.StillFailing f -> text.get("alert.reminder", f.count());
        };
    }
}
