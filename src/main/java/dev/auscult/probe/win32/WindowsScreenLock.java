package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.posture.Finding;
import dev.auscult.posture.State;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.LockFinding;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * When Windows locks by itself: the machine inactivity limit (InactivityTimeoutSecs), or a secure screen
 * saver (active, "on resume, display logon screen", a timeout) where Group Policy values override the
 * user's. Registry values arrive as strings. Display-off timeouts are reported but do not lock by
 * themselves.
 */
final class WindowsScreenLock {

    private static final String USER = "win32.screensaver_user";
    private static final String POLICY = "win32.screensaver_policy";
    private static final String INACTIVITY = "win32.inactivity_timeout";
    private static final String DISPLAY = "win32.display_timeout";
    private static final String WAKE = "win32.lock_on_wake";
    static final List<String> SOURCES = List.of(USER, POLICY, INACTIVITY, DISPLAY, WAKE);

    private WindowsScreenLock() {
    }

    static LockFinding read(Evidence evidence) {
        Map<String, String> details = new TreeMap<>();
        Optional<JsonNode> user = object(evidence.read(USER));
        Optional<JsonNode> policy = object(evidence.read(POLICY));
        Optional<JsonNode> machine = object(evidence.read(INACTIVITY));
        displayDetails(evidence.read(DISPLAY), "displayOff", details);
        displayDetails(evidence.read(WAKE), "signInOnWake", details);

        boolean userReadable = readable(evidence.read(USER));
        boolean machineReadable = readable(evidence.read(INACTIVITY));
        if (!userReadable && !machineReadable) {
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), Finding.of(WindowsPhrase.LOCK_SETTINGS_UNREADABLE, evidence.read(USER).problem()), SOURCES, details);
        }
        List<Long> triggers = new ArrayList<>();
        Optional<Long> inactivity = machine.flatMap(n -> PowerShellJson.number(n, "InactivityTimeoutSecs")).filter(v -> v > 0);
        inactivity.ifPresent(v -> {
            triggers.add(v);
            details.put("machineInactivityLimit", v + " s");
        });
        String active = setting(policy, user, "ScreenSaveActive");
        String secure = setting(policy, user, "ScreenSaverIsSecure");
        String timeout = setting(policy, user, "ScreenSaveTimeOut");
        details.put("screenSaver", "active=" + active + ", password on resume=" + secure + ", after=" + timeout + " s");
        if (active.equals("1") && secure.equals("1") && timeout.matches("\\d{1,9}") && Long.parseLong(timeout) > 0) {
            triggers.add(Long.parseLong(timeout));
        }
        if (triggers.isEmpty()) {
            if (!userReadable) {
                return new LockFinding(State.UNKNOWN, OptionalLong.empty(), Finding.of(WindowsPhrase.SCREEN_SAVER_UNREADABLE, evidence.read(USER).problem()), SOURCES, details);
            }
            return new LockFinding(State.OFF, OptionalLong.empty(), Finding.of(WindowsPhrase.NEVER_LOCKS), SOURCES, details);
        }
        long lockAfter = triggers.stream().mapToLong(Long::longValue).min().orElseThrow();
        return new LockFinding(State.ON, OptionalLong.of(lockAfter), Finding.of(WindowsPhrase.LOCKS_AFTER, lockAfter), SOURCES, details);
    }

    /** Group Policy wins over the user's value; "" when neither is set. */
    private static String setting(Optional<JsonNode> policy, Optional<JsonNode> user, String key) {
        return policy.flatMap(p -> PowerShellJson.text(p, key)).or(() -> user.flatMap(u -> PowerShellJson.text(u, key))).orElse("");
    }

    private static Optional<JsonNode> object(Reading r) {
        return WindowsJson.of(r).first();
    }

    /** A registry key that does not exist is a readable "nothing set", not a failure. */
    private static boolean readable(Reading r) {
        if (r.isOk()) {
            return WindowsJson.of(r).readable();
        }
        return r.status() == ReadStatus.ERROR && absentKey(r.problem());
    }

    static boolean absentKey(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("cannot find path") || m.contains("does not exist");
    }

    private static void displayDetails(Reading r, String name, Map<String, String> details) {
        if (r instanceof Reading.CommandOutput c && c.exitCode() == 0) {
            PowercfgIndexes.acDc(c.stdout()).ifPresent(v -> {
                details.put(name + "AC", v[0] == 0 && name.equals("displayOff") ? "never" : String.valueOf(v[0]));
                details.put(name + "DC", v[1] == 0 && name.equals("displayOff") ? "never" : String.valueOf(v[1]));
            });
        }
    }
}
