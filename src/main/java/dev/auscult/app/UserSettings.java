package dev.auscult.app;

import java.time.Instant;
import java.util.Optional;

/**
 * What the user chose, persisted between runs.
 *
 * @param snoozedUntil   no reminders before this instant ("remind me tomorrow")
 * @param lastReminderAt when the last daily reminder was shown
 */
public record UserSettings(boolean launchAtLogin, Optional<Instant> snoozedUntil, Optional<Instant> lastReminderAt) {

    public static UserSettings defaults() {
        return new UserSettings(true, Optional.empty(), Optional.empty());
    }

    public UserSettings withLaunchAtLogin(boolean on) {
        return new UserSettings(on, snoozedUntil, lastReminderAt);
    }

    public UserSettings snoozedUntil(Instant until) {
        return new UserSettings(launchAtLogin, Optional.of(until), lastReminderAt);
    }

    public UserSettings remindedAt(Instant at) {
        return new UserSettings(launchAtLogin, snoozedUntil, Optional.of(at));
    }
}
