package dev.auscult.fix;

import dev.auscult.posture.Finding;
import dev.auscult.posture.PracticeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux fixes. The person's own desktop settings are written directly (GNOME through {@code gsettings}, KDE
 * Plasma through {@code kwriteconfig6}/{@code kwriteconfig5}); system settings go through polkit to
 * {@link #HELPER}, a small root-owned program with a fixed list of actions (each one listed in the shipped
 * {@code dev.auscult.fix.policy}), so no argument a policy or a person writes ever reaches root.
 */
public final class LinuxFixes implements FixCatalog {

    /** Where the package installs the helper; the polkit actions name this exact path. */
    public static final String HELPER = "/opt/auscult/lib/fix/auscult-fix-helper";

    /** The helper's actions, each a polkit action {@code dev.auscult.fix.<action>}. */
    public static final List<String> HELPER_ACTIONS = List.of("firewall-ufw", "firewall-firewalld", "updates-apt", "updates-dnf",
            "ssh-off", "clamav-on");

    @Override
    public Optional<FixPlan> plan(PracticeId practice, FixInputs in) {
        return switch (practice) {
            case SCREEN_LOCK, SCREEN_IDLE -> screenLock(practice, in);
            case FIREWALL -> firewall(in);
            case AUTOMATIC_UPDATES -> updates(in);
            case REMOTE_LOGIN -> helper(in, in.installed().test("sshd"), "ssh-off", PracticeId.REMOTE_LOGIN, FixPhrase.LINUX_SSH_OFF);
            case ANTIVIRUS -> helper(in, in.installed().test("clamd"), "clamav-on", PracticeId.ANTIVIRUS, FixPhrase.LINUX_CLAMAV_ON);
            case OS_VERSION -> updater(in);
            default -> Optional.empty();
        };
    }

    /** Which desktop's settings the check read: the fix writes the same ones. */
    private enum Desktop { GNOME, KDE, NONE }

    private static Desktop desktop(FixInputs in) {
        List<String> evidence = new ArrayList<>();
        in.result(PracticeId.SCREEN_LOCK).ifPresent(r -> evidence.addAll(r.observation().evidence()));
        in.result(PracticeId.SCREEN_IDLE).ifPresent(r -> evidence.addAll(r.observation().evidence()));
        boolean gnome = evidence.stream().anyMatch(id -> id.startsWith("linux.gnome_"));
        boolean kde = evidence.contains("linux.kde_screenlocker");
        // both named: no desktop session was found and both were tried; there is no screen lock to set
        if (gnome == kde) {
            return Desktop.NONE;
        }
        // the check found no desktop session at all (it names what it tried): nothing to set
        boolean noSession = in.result(PracticeId.SCREEN_LOCK).map(r -> r.observation().finding().phrase())
                .filter(p -> p == dev.auscult.probe.linux.LinuxPhrase.NO_DESKTOP || p == dev.auscult.probe.linux.LinuxPhrase.NO_DESKTOP_NO_DCONF).isPresent();
        return noSession ? Desktop.NONE : gnome ? Desktop.GNOME : Desktop.KDE;
    }

    private static Optional<FixPlan> screenLock(PracticeId practice, FixInputs in) {
        boolean setIdle = practice == PracticeId.SCREEN_IDLE || in.idleNeedsSetting();
        long idle = in.idleSeconds();
        return switch (desktop(in)) {
            case GNOME -> {
                if (!in.installed().test("gsettings")) {
                    yield Optional.empty();
                }
                List<FixStep> steps = new ArrayList<>();
                steps.add(FixStep.of("gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "true"));
                if (setIdle) {
                    steps.add(FixStep.of("gsettings", "set", "org.gnome.desktop.session", "idle-delay", Long.toString(idle)));
                    steps.add(FixStep.of("gsettings", "set", "org.gnome.desktop.screensaver", "lock-delay", "0"));
                }
                Finding what = setIdle ? Finding.of(FixPhrase.GNOME_LOCK_AND_IDLE, FixInputs.duration(idle), "gsettings")
                        : Finding.of(FixPhrase.GNOME_LOCK_ON, "gsettings");
                yield Optional.of(new FixPlan("linux.gnome-screen-lock", practice, what, Elevation.NONE, steps, false));
            }
            case KDE -> {
                Optional<String> tool = java.util.stream.Stream.of("kwriteconfig6", "kwriteconfig5").filter(in.installed()).findFirst();
                if (tool.isEmpty()) {
                    yield Optional.empty();
                }
                // KDE counts the idle time in whole minutes; round down so the lock comes no later than allowed
                long minutes = Math.max(1, idle / 60);
                String k = tool.get();
                List<FixStep> steps = List.of(
                        kde(k, "Autolock", "true"),
                        kde(k, "Timeout", Long.toString(minutes)),
                        kde(k, "LockGrace", "0"),
                        kde(k, "LockOnResume", "true"),
                        kde(k, "RequirePassword", "true"),
                        // a running kscreenlocker reads its file again when asked; without it, at the next login
                        FixStep.courtesy("dbus-send", "--session", "--type=method_call", "--dest=org.freedesktop.ScreenSaver",
                                "/ScreenSaver", "org.kde.screensaver.configure"));
                yield Optional.of(new FixPlan("linux.kde-screen-lock", practice,
                        Finding.of(FixPhrase.KDE_LOCK_AND_IDLE, FixInputs.duration(minutes * 60), k), Elevation.NONE, steps, false));
            }
            case NONE -> Optional.empty();
        };
    }

    private static FixStep kde(String tool, String key, String value) {
        return FixStep.of(tool, "--file", "kscreenlockerrc", "--group", "Daemon", "--key", key, value);
    }

    private static Optional<FixPlan> firewall(FixInputs in) {
        if (in.installed().test("ufw")) {
            return helper(in, true, "firewall-ufw", PracticeId.FIREWALL, FixPhrase.LINUX_FIREWALL_UFW);
        }
        return helper(in, in.installed().test("firewall-cmd"), "firewall-firewalld", PracticeId.FIREWALL, FixPhrase.LINUX_FIREWALL_FIREWALLD);
    }

    private static Optional<FixPlan> updates(FixInputs in) {
        if (in.installed().test("unattended-upgrade")) {
            return helper(in, true, "updates-apt", PracticeId.AUTOMATIC_UPDATES, FixPhrase.LINUX_UNATTENDED_UPGRADES);
        }
        return helper(in, in.installed().test("dnf-automatic") || in.installed().test("dnf5"), "updates-dnf",
                PracticeId.AUTOMATIC_UPDATES, FixPhrase.LINUX_DNF_AUTOMATIC);
    }

    private static Optional<FixPlan> helper(FixInputs in, boolean applies, String action, PracticeId practice, FixPhrase what) {
        if (!applies || !in.helperInstalled() || !in.installed().test("pkexec")) {
            return Optional.empty();
        }
        return Optional.of(new FixPlan("linux." + action, practice, Finding.of(what), Elevation.POLKIT,
                List.of(FixStep.of("pkexec", HELPER, action)), false));
    }

    private static Optional<FixPlan> updater(FixInputs in) {
        for (List<String> tool : List.of(List.of("gnome-software", "--mode=updates"), List.of("plasma-discover", "--mode", "update"),
                List.of("update-manager"))) {
            if (in.installed().test(tool.getFirst())) {
                return Optional.of(new FixPlan("linux.open-updater", PracticeId.OS_VERSION, Finding.of(FixPhrase.LINUX_OPEN_UPDATER, tool.getFirst()),
                        Elevation.NONE, List.of(new FixStep(tool, FixStep.Mode.LAUNCH)), true));
            }
        }
        return Optional.empty();
    }
}
