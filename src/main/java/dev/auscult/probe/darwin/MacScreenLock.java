package dev.auscult.probe.darwin;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.Finding;
import dev.auscult.posture.State;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.LockFinding;
import dev.auscult.probe.Reading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a Mac locks by itself: the screen saver or display sleep (per power source) starts it, and the
 * password is asked immediately or after a delay ({@code sysadminctl -screenLock status}, which the
 * logged-in user can read). MDM-managed screen saver settings win over the user's.
 */
final class MacScreenLock {

    static final String SYSADMINCTL = "darwin.screenlock_status";
    static final String IDLE = "darwin.screensaver_idle";
    static final String MANAGED = "darwin.screensaver_managed";
    static final String PMSET = "darwin.pmset_custom";
    static final List<String> SOURCES = List.of(SYSADMINCTL, IDLE, MANAGED, PMSET);

    private static final Pattern DELAY = Pattern.compile("(?i)screenLock delay is (immediate|-?\\d+)(?:\\.\\d+)?(?: seconds?)?");
    private static final Pattern OFF = Pattern.compile("(?i)screenLock is off");
    private static final Pattern SECTION = Pattern.compile("^(\\w[\\w ]*) Power:\\s*$");
    private static final Pattern DISPLAYSLEEP = Pattern.compile("^\\s*displaysleep\\s+(\\d+)");

    private MacScreenLock() {
    }

    static LockFinding read(Evidence evidence) {
        evidence.prefetch(SOURCES.toArray(String[]::new));
        Map<String, String> details = new TreeMap<>();
        DefaultsPlist managed = plist(evidence.read(MANAGED));

        // 1. Is a password asked, and after how long?
        Optional<Long> delay;
        MacPhrase noPassword;
        if (managed.flag("askForPassword").isPresent()) {
            delay = managed.flag("askForPassword").get() ? Optional.of(managed.number("askForPasswordDelay").orElse(0L)) : Optional.of(-1L);
            noPassword = MacPhrase.NO_PASSWORD_MANAGED;
        } else {
            Reading r = evidence.read(SYSADMINCTL);
            Optional<Long> parsed = r instanceof Reading.CommandOutput c ? passwordDelay(c.stdout() + "\n" + c.stderr()) : Optional.empty();
            if (parsed.isEmpty()) {
                return new LockFinding(State.UNKNOWN, OptionalLong.empty(), Finding.of(MacPhrase.PASSWORD_DELAY_UNREADABLE,
                        r.isOk() ? Finding.of(MacPhrase.SYSADMINCTL_NO_STATUS) : r.problem()), SOURCES, details);
            }
            delay = parsed;
            noPassword = MacPhrase.NO_PASSWORD;
        }
        details.put("passwordDelay", delay.get() < 0 ? "never asked" : delay.get() == 0 ? "immediately" : delay.get() + " s");
        if (delay.get() < 0) {
            return new LockFinding(State.OFF, OptionalLong.empty(), Finding.of(noPassword), SOURCES, details);
        }

        // 2. What starts it: the screen saver (seconds) and display sleep (minutes, per power source).
        Optional<Long> saver = managed.number("idleTime").or(() -> single(evidence.read(IDLE)));
        saver.ifPresent(s -> details.put("screenSaverAfter", s == 0 ? "never" : s + " s"));
        Map<String, Long> displaySleep = displaySleep(evidence.read(PMSET));
        displaySleep.forEach((source, minutes) -> details.put("displaySleep" + source, minutes == 0 ? "never" : minutes + " min"));
        if (displaySleep.isEmpty() && saver.isEmpty()) {
            return new LockFinding(State.UNKNOWN, OptionalLong.empty(), Finding.of(MacPhrase.IDLE_SETTINGS_UNREADABLE), SOURCES, details);
        }
        Map<String, Long> perSource = new LinkedHashMap<>();
        if (displaySleep.isEmpty()) {
            displaySleep = Map.of("", 0L);
        }
        List<Finding> never = new ArrayList<>();
        for (var e : displaySleep.entrySet()) {
            long trigger = Long.MAX_VALUE;
            if (saver.isPresent() && saver.get() > 0) {
                trigger = saver.get();
            }
            if (e.getValue() > 0) {
                trigger = Math.min(trigger, e.getValue() * 60);
            }
            if (trigger == Long.MAX_VALUE) {
                never.add(powerSource(e.getKey()));
            } else {
                perSource.put(e.getKey(), trigger + delay.get());
            }
        }
        if (!never.isEmpty()) {
            return new LockFinding(State.OFF, OptionalLong.empty(), Finding.of(MacPhrase.NEVER_LOCKS_ON, Finding.chain(CommonPhrase.ITEMS_AND, never)), SOURCES, details);
        }
        long worst = perSource.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        return new LockFinding(State.ON, OptionalLong.of(worst), delay.get() > 0
                ? Finding.of(MacPhrase.LOCKS_AFTER_WITH_DELAY, worst, delay.get()) : Finding.of(MacPhrase.LOCKS_AFTER, worst), SOURCES, details);
    }

    /** -1 when no password is asked. */
    static Optional<Long> passwordDelay(String out) {
        if (OFF.matcher(out).find()) {
            return Optional.of(-1L);
        }
        Matcher m = DELAY.matcher(out);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1).equalsIgnoreCase("immediate") ? 0L : Math.max(-1L, Long.parseLong(m.group(1).length() > 9 ? "-1" : m.group(1))));
    }

    private static Finding powerSource(String section) {
        return switch (section) {
            case "" -> Finding.of(MacPhrase.ANY_POWER_SOURCE);
            case "AC" -> Finding.of(MacPhrase.AC_POWER);
            case "Battery" -> Finding.of(MacPhrase.BATTERY_POWER);
            default -> Finding.of(MacPhrase.POWER_SOURCE, section.toLowerCase(java.util.Locale.ROOT));
        };
    }

    /** pmset -g custom: "Battery Power:" / "AC Power:" sections with " displaysleep N" (minutes). */
    static Map<String, Long> displaySleep(Reading r) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (!(r instanceof Reading.CommandOutput c) || c.exitCode() != 0) {
            return out;
        }
        String section = "";
        for (String line : c.stdout().split("\r?\n")) {
            Matcher s = SECTION.matcher(line.strip());
            if (s.matches()) {
                section = s.group(1).strip().equals("AC") ? "AC" : s.group(1).strip();
                continue;
            }
            Matcher d = DISPLAYSLEEP.matcher(line);
            if (d.find() && d.group(1).length() < 7) {
                out.put(section.isEmpty() ? "AC" : section, Long.parseLong(d.group(1)));
            }
        }
        return out;
    }

    private static Optional<Long> single(Reading r) {
        if (r instanceof Reading.CommandOutput c && c.exitCode() == 0 && c.stdout().strip().matches("\\d{1,9}")) {
            return Optional.of(Long.parseLong(c.stdout().strip()));
        }
        return Optional.empty();
    }

    static DefaultsPlist plist(Reading r) {
        return r instanceof Reading.CommandOutput c && c.exitCode() == 0 ? DefaultsPlist.parse(c.stdout()) : DefaultsPlist.empty();
    }
}
