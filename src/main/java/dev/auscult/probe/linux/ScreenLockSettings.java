package dev.auscult.probe.linux;

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

    /** Desktops that keep their screen-lock settings in GNOME's schemas. */
    private static final List<String> GNOME_FAMILY = List.of("gnome", "unity", "ubuntu", "budgie", "pantheon", "pop");

    private ScreenLockSettings() {
    }

    static LockFinding read(Evidence evidence) {
        Reading desktop = evidence.read(DESKTOP);
        String name = desktop.text().map(String::strip).orElse("");
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("kde")) {
            return kde(evidence, List.of(DESKTOP, KDE));
        }
        if (GNOME_FAMILY.stream().anyMatch(lower::contains)) {
            return gnome(evidence);
        }
        if (!name.isEmpty()) {
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), "the " + name
                    + " desktop is not one whose screen lock Auscult can read (GNOME and KDE Plasma are)", List.of(DESKTOP), Map.of());
        }
        // No desktop named (a recording without it, or no graphical session): use a Plasma config if one exists.
        if (evidence.read(KDE).isOk()) {
            return kde(evidence, List.of(KDE));
        }
        return new LockFinding(State.UNKNOWN, OptionalLong.empty(),
                "no graphical desktop session was found (XDG_CURRENT_DESKTOP is not set), so there is no screen lock to check",
                List.of(DESKTOP), Map.of());
    }

    private static LockFinding gnome(Evidence evidence) {
        evidence.prefetch(GNOME_LOCK_ENABLED, GNOME_IDLE_DELAY, GNOME_LOCK_DELAY);
        List<String> ids = List.of(DESKTOP, GNOME_LOCK_ENABLED, GNOME_IDLE_DELAY, GNOME_LOCK_DELAY);
        Optional<String> lockEnabled = gsetting(evidence.read(GNOME_LOCK_ENABLED));
        OptionalLong idle = number(gsetting(evidence.read(GNOME_IDLE_DELAY)));
        OptionalLong lockDelay = number(gsetting(evidence.read(GNOME_LOCK_DELAY)));
        if (lockEnabled.isEmpty() || idle.isEmpty()) {
            String problem = lockEnabled.isEmpty() ? evidence.read(GNOME_LOCK_ENABLED).problem()
                    : evidence.read(GNOME_IDLE_DELAY).problem();
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), "the GNOME screen-lock settings could not be read"
                    + (problem.isEmpty() ? "" : ": " + problem), ids, Map.of());
        }
        if (!lockEnabled.get().equals("true")) {
            return new LockFinding(State.OFF, OptionalLong.empty(), "GNOME does not lock the screen when it blanks (lock-enabled is false)", ids, Map.of());
        }
        if (idle.getAsLong() == 0) {
            return new LockFinding(State.OFF, OptionalLong.empty(), "GNOME never blanks the screen when idle (idle-delay is 0), so it never locks by itself", ids, Map.of());
        }
        long total = idle.getAsLong() + lockDelay.orElse(0);
        return new LockFinding(State.ON, OptionalLong.of(total), "GNOME locks the screen after " + total
                + " s idle (blank after " + idle.getAsLong() + " s, lock " + lockDelay.orElse(0) + " s later)", ids, Map.of());
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
     */
    private static LockFinding kde(Evidence evidence, List<String> ids) {
        Reading r = evidence.read(KDE);
        Map<String, String> daemon = new HashMap<>();
        if (r.isOk()) {
            daemon = iniGroup(r.text().orElse(""), "Daemon");
        } else if (r.status() != dev.auscult.probe.ReadStatus.MISSING) {
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), "the KDE screen-lock settings could not be read: " + r.problem(), ids, Map.of());
        }
        String source = r.isOk() ? "" : " (defaults: no kscreenlockerrc)";
        boolean autolock = !"false".equalsIgnoreCase(daemon.getOrDefault("Autolock", "true").strip());
        if (!autolock) {
            return new LockFinding(State.OFF, OptionalLong.empty(), "KDE Plasma does not lock the screen automatically (Autolock=false)", ids, Map.of());
        }
        String timeout = daemon.getOrDefault("Timeout", "5").strip();
        String grace = daemon.getOrDefault("LockGrace", "5").strip();
        if (!timeout.matches("\\d{1,6}") || !grace.matches("\\d{1,6}")) {
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), "kscreenlockerrc has an unreadable Timeout or LockGrace value", ids, Map.of());
        }
        long minutes = Long.parseLong(timeout);
        if (minutes == 0) {
            return new LockFinding(State.OFF, OptionalLong.empty(), "KDE Plasma never locks by itself (Timeout=0)", ids, Map.of());
        }
        long total = minutes * 60 + Long.parseLong(grace);
        return new LockFinding(State.ON, OptionalLong.of(total), "KDE Plasma locks after " + minutes + " min idle, with a "
                + grace + " s grace period" + source, ids, Map.of());
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
