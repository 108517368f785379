package dev.auscult.probe.linux;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.Finding;
import dev.auscult.posture.State;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.LockFinding;
import dev.auscult.probe.Reading;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the desktop locks by itself, and after how many idle seconds the password is required. Shared
 * by the screenLock and screenIdle probes, which read the same sources (single-flight reads them once).
 */
final class ScreenLockSettings {

    static final String DESKTOP = "linux.desktop_session";
    static final String GNOME_LOCK_ENABLED = "linux.gnome_lock_enabled";
    static final String GNOME_LOCK_DELAY = "linux.gnome_lock_delay";
    static final String GNOME_IDLE_DELAY = "linux.gnome_idle_delay";
    static final String KDE = "linux.kde_screenlocker";
    static final String SESSION_DESKTOP = "linux.session_desktop";
    static final String DCONF_USER_DB = "linux.dconf_user_db";
    static final String DESKTOP_SESSION_NAME = "linux.desktop_session_name";
    /** Where the session's desktop is named, most specific first. */
    static final List<String> DESKTOP_SOURCES = List.of(DESKTOP, SESSION_DESKTOP, DESKTOP_SESSION_NAME);

    /** Desktops that keep their screen-lock settings in GNOME's schemas. */
    private static final List<String> GNOME_FAMILY = List.of("gnome", "unity", "ubuntu", "budgie", "pantheon", "pop");

    private ScreenLockSettings() {
    }

    static LockFinding read(Evidence evidence) {
        // The agent may run outside the graphical session (a systemd user unit, cron, SSH) where
        // XDG_CURRENT_DESKTOP is unset: the display manager's variables still name the desktop.
        String name = "";
        String namedBy = DESKTOP;
        for (String id : DESKTOP_SOURCES) {
            name = evidence.read(id).text().map(String::strip).orElse("");
            if (!name.isEmpty()) {
                namedBy = id;
                break;
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("kde") || lower.contains("plasma")) {
            return kde(evidence, List.of(namedBy, KDE));
        }
        if (GNOME_FAMILY.stream().anyMatch(lower::contains)) {
            return gnome(evidence, namedBy, "");
        }
        if (!name.isEmpty()) {
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), Finding.of(LinuxPhrase.DESKTOP_NOT_SUPPORTED, name), List.of(DESKTOP), Map.of());
        }
        // No desktop named (a recording without it, or no graphical session): the settings that answer tell.
        if (evidence.read(KDE).isOk()) {
            return kde(evidence, List.of(DESKTOP, SESSION_DESKTOP, DESKTOP_SESSION_NAME, KDE));
        }
        // Without a dconf database this user has never had a GNOME session, and gsettings would only recite
        // the schemas' defaults (which answer on any machine with GTK installed): no desktop, and three
        // processes saved. Snapshots recorded before this source keep their recorded gsettings answer.
        if (evidence.knows(DCONF_USER_DB) && !evidence.read(DCONF_USER_DB).isOk()) {
            return noDesktop(List.of(DESKTOP, SESSION_DESKTOP, DESKTOP_SESSION_NAME, DCONF_USER_DB, KDE),
                    Finding.of(LinuxPhrase.NO_DESKTOP_NO_DCONF));
        }
        evidence.prefetch(GNOME_LOCK_ENABLED, GNOME_IDLE_DELAY, GNOME_LOCK_DELAY);
        if (gsetting(evidence.read(GNOME_LOCK_ENABLED)).isPresent()) {
            return gnome(evidence, DESKTOP, Finding.of(LinuxPhrase.GNOME_UNNAMED));
        }
        return noDesktop(List.of(DESKTOP, SESSION_DESKTOP, DESKTOP_SESSION_NAME, GNOME_LOCK_ENABLED, KDE),
                Finding.of(LinuxPhrase.NO_DESKTOP));
    }

    private static LockFinding noDesktop(List<String> evidence, Finding reason) {
        return new LockFinding(State.UNKNOWN, OptionalLong.empty(), reason, evidence, Map.of());
    }

    private static LockFinding gnome(Evidence evidence, String namedBy, Object how) {
        evidence.prefetch(GNOME_LOCK_ENABLED, GNOME_IDLE_DELAY, GNOME_LOCK_DELAY);
        List<String> ids = List.of(namedBy, GNOME_LOCK_ENABLED, GNOME_IDLE_DELAY, GNOME_LOCK_DELAY);
        Optional<String> lockEnabled = gsetting(evidence.read(GNOME_LOCK_ENABLED));
        OptionalLong idle = number(gsetting(evidence.read(GNOME_IDLE_DELAY)));
        OptionalLong lockDelay = number(gsetting(evidence.read(GNOME_LOCK_DELAY)));
        if (lockEnabled.isEmpty() || idle.isEmpty()) {
            String problem = lockEnabled.isEmpty() ? evidence.read(GNOME_LOCK_ENABLED).problem()
                    : evidence.read(GNOME_IDLE_DELAY).problem();
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), problem.isEmpty() ? Finding.of(LinuxPhrase.GNOME_UNREADABLE) : Finding.of(LinuxPhrase.GNOME_UNREADABLE_WHY, problem), ids, Map.of());
        }
        if (!lockEnabled.get().equals("true")) {
            return new LockFinding(State.OFF, OptionalLong.empty(), Finding.of(LinuxPhrase.GNOME_LOCK_DISABLED, how), ids, Map.of());
        }
        if (idle.getAsLong() == 0) {
            return new LockFinding(State.OFF, OptionalLong.empty(), Finding.of(LinuxPhrase.GNOME_NEVER_BLANKS), ids, Map.of());
        }
        long total = idle.getAsLong() + lockDelay.orElse(0);
        return new LockFinding(State.ON, OptionalLong.of(total), lockDelay.orElse(0) == 0
                ? Finding.of(LinuxPhrase.GNOME_LOCKS, duration(idle.getAsLong()), total, how)
                : Finding.of(LinuxPhrase.GNOME_LOCKS_WITH_DELAY, duration(idle.getAsLong()), duration(lockDelay.getAsLong()), total, how), ids, Map.of());
    }

    /** "15 min", "90 s", "1 min 30 s": how a settings panel would say it. */
    static Finding duration(long seconds) {
        if (seconds < 60) {
            return Finding.of(CommonPhrase.SECONDS, seconds);
        }
        return seconds % 60 == 0 ? Finding.of(CommonPhrase.MINUTES, seconds / 60)
                : Finding.of(CommonPhrase.MINUTES_SECONDS, seconds / 60, seconds % 60);
    }

    /** gsettings prints GVariant text: {@code true}, {@code uint32 300}, {@code 'x'}. */
    static Optional<String> gsetting(Reading r) {
        if (!(r instanceof Reading.CommandOutput c) || c.exitCode() != 0) {
            return Optional.empty();
        }
        String v = c.stdout().strip();
        if (v.startsWith("uint32 ") || v.startsWith("int32 ")) {
            v = v.substring(v.indexOf(' ') + 1);
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static OptionalLong number(Optional<String> v) {
        return v.filter(s -> s.matches("\\d{1,9}")).map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
    }

    /**
     * Plasma's kscreenlockerrc, [Daemon] group: Autolock (default true), Timeout in minutes (default 5) and
     * LockGrace in seconds (default 5) — during the grace period the screen unlocks without a password, so
     * it counts toward the time until the device is really locked. An absent file means all defaults.
     * Plasma 6 adds RequirePassword (default true): false blanks the screen behind a lock screen that any
     * passer-by dismisses, so it is no lock at all — OFF, never a "partly on" that counts as on.
     */
    private static LockFinding kde(Evidence evidence, List<String> ids) {
        Reading r = evidence.read(KDE);
        Map<String, String> daemon = new HashMap<>();
        if (r.isOk()) {
            daemon = iniGroup(r.text().orElse(""), "Daemon");
        } else if (r.status() != dev.auscult.probe.ReadStatus.MISSING) {
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), Finding.of(LinuxPhrase.KDE_UNREADABLE, r.problem()), ids, Map.of());
        }
        Object source = r.isOk() ? "" : Finding.of(LinuxPhrase.KDE_DEFAULTS);
        boolean autolock = !"false".equalsIgnoreCase(daemon.getOrDefault("Autolock", "true").strip());
        if (!autolock) {
            return new LockFinding(State.OFF, OptionalLong.empty(), Finding.of(LinuxPhrase.KDE_AUTOLOCK_OFF), ids, Map.of());
        }
        if ("false".equalsIgnoreCase(daemon.getOrDefault("RequirePassword", "true").strip())) {
            return new LockFinding(State.OFF, OptionalLong.empty(), Finding.of(LinuxPhrase.KDE_NO_PASSWORD), ids, Map.of());
        }
        String timeout = daemon.getOrDefault("Timeout", "5").strip();
        String grace = daemon.getOrDefault("LockGrace", "5").strip();
        if (!timeout.matches("\\d{1,6}") || !grace.matches("\\d{1,6}")) {
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), Finding.of(LinuxPhrase.KDE_VALUES_UNREADABLE), ids, Map.of());
        }
        long minutes = Long.parseLong(timeout);
        if (minutes == 0) {
            return new LockFinding(State.OFF, OptionalLong.empty(), Finding.of(LinuxPhrase.KDE_NEVER_LOCKS), ids, Map.of());
        }
        long graceSeconds = Long.parseLong(grace);
        long total = minutes * 60 + graceSeconds;
        return new LockFinding(State.ON, OptionalLong.of(total), graceSeconds == 0
                ? Finding.of(LinuxPhrase.KDE_LOCKS, minutes, total, source)
                : Finding.of(LinuxPhrase.KDE_LOCKS_WITH_GRACE, minutes, graceSeconds, total, source), ids, Map.of());
    }

    static Map<String, String> iniGroup(String text, String group) {
        Map<String, String> out = new HashMap<>();
        boolean inGroup = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                inGroup = line.equals("[" + group + "]");
            } else if (inGroup && line.contains("=") && !line.startsWith("#")) {
                String key = line.substring(0, line.indexOf('=')).strip();
                // Plasma appends [$i] and similar markers to keys that are locked down by the admin.
                key = key.replaceAll("\\[\\$[a-z]+]$", "");
                out.put(key, line.substring(line.indexOf('=') + 1));
            }
        }
        return out;
    }
}
