package dev.auscult.app;

import java.time.Instant;
import java.util.Optional;

/**
 * What the user chose, persisted between runs.
 *
 * @param snoozedUntil   no reminders before this instant ("remind me tomorrow")
 * @param lastReminderAt when the last daily reminder was shown
 */
public record UserSettings(boolean launchAtLogin, Optional<Instant> snoozedUntil, Optional<Instant> lastReminderAt, boolean activationPrompted,
                           boolean hideIconWhileFine) {

    public static UserSettings defaults() {
        return new UserSettings(true, Optional.empty(), Optional.empty(), false, false);
    }

    public UserSettings withLaunchAtLogin(boolean on) {
        return new UserSettings(on, snoozedUntil, lastReminderAt, activationPrompted, hideIconWhileFine);
    }

    public UserSettings snoozedUntil(Instant until) {
        return new UserSettings(launchAtLogin, Optional.of(until), lastReminderAt, activationPrompted, hideIconWhileFine);
    }

    /** The first-run activation wizard was shown (and is not shown by itself again). */
    public UserSettings activationWasPrompted() {
        return new UserSettings(launchAtLogin, snoozedUntil, lastReminderAt, true, hideIconWhileFine);
    }

    public UserSettings remindedAt(Instant at) {
        return new UserSettings(launchAtLogin, snoozedUntil, Optional.of(at), activationPrompted, hideIconWhileFine);
    }

    /** The tray icon stays out of sight while every check passes, and comes back when one does not. */
    public UserSettings withHideIconWhileFine(boolean on) {
        return new UserSettings(launchAtLogin, snoozedUntil, lastReminderAt, activationPrompted, on);
    }
}
