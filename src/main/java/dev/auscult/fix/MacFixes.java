package dev.auscult.fix;

import dev.auscult.posture.Finding;
import dev.auscult.posture.PracticeId;
import java.util.List;
import java.util.Optional;

/**
 * macOS fixes. System settings run through the system's own administrator prompt ({@code osascript}'s
 * {@code do shell script … with administrator privileges}) with a fixed command line written here; the screen
 * saver's idle time is the person's own setting. The lock's password requirement itself cannot be set without
 * the person's password since macOS 10.13 ({@code sysadminctl -screenLock} asks for it on a terminal), so the
 * screen-lock row keeps its Settings button instead.
 */
public final class MacFixes implements FixCatalog {

    static final String FIREWALL = "/usr/libexec/ApplicationFirewall/socketfilterfw --setglobalstate on";
    static final String UPDATES = "/usr/bin/defaults write /Library/Preferences/com.apple.SoftwareUpdate AutomaticCheckEnabled -bool true"
            + " && /usr/bin/defaults write /Library/Preferences/com.apple.SoftwareUpdate AutomaticDownload -bool true"
            + " && /usr/bin/defaults write /Library/Preferences/com.apple.SoftwareUpdate CriticalUpdateInstall -bool true"
            + " && /usr/bin/defaults write /Library/Preferences/com.apple.SoftwareUpdate ConfigDataInstall -bool true"
            + " && /usr/bin/defaults write /Library/Preferences/com.apple.SoftwareUpdate AutomaticallyInstallMacOSUpdates -bool true"
            + " && /usr/bin/defaults write /Library/Preferences/com.apple.commerce AutoUpdate -bool true";
    static final String REMOTE_LOGIN_OFF = "/usr/sbin/systemsetup -f -setremotelogin off";
    static final String GATEKEEPER_ON = "/usr/sbin/spctl --global-enable";

    @Override
    public Optional<FixPlan> plan(PracticeId practice, FixInputs in) {
        return switch (practice) {
            case FIREWALL -> admin("darwin.firewall-on", practice, FixPhrase.MAC_FIREWALL, FIREWALL);
            case AUTOMATIC_UPDATES -> admin("darwin.automatic-updates-on", practice, FixPhrase.MAC_AUTOMATIC_UPDATES, UPDATES);
            case REMOTE_LOGIN -> admin("darwin.remote-login-off", practice, FixPhrase.MAC_REMOTE_LOGIN_OFF, REMOTE_LOGIN_OFF);
            case GATEKEEPER -> admin("darwin.gatekeeper-on", practice, FixPhrase.MAC_GATEKEEPER_ON, GATEKEEPER_ON);
            case SCREEN_IDLE -> Optional.of(new FixPlan("darwin.screen-saver-idle", practice,
                    Finding.of(FixPhrase.MAC_IDLE, FixInputs.duration(in.idleSeconds())), Elevation.NONE,
                    List.of(FixStep.of("defaults", "-currentHost", "write", "com.apple.screensaver", "idleTime", "-int", Long.toString(in.idleSeconds()))),
                    false));
            case OS_VERSION -> Optional.of(new FixPlan("darwin.open-updater", practice, Finding.of(FixPhrase.MAC_OPEN_UPDATER), Elevation.NONE,
                    List.of(FixStep.launch("open", "x-apple.systempreferences:com.apple.Software-Update-Settings.extension")), true));
            default -> Optional.empty();
        };
    }

    private static Optional<FixPlan> admin(String id, PracticeId practice, FixPhrase what, String command) {
        return Optional.of(new FixPlan(id, practice, Finding.of(what), Elevation.MAC_ADMINISTRATOR,
                List.of(FixStep.of("osascript", "-e", "do shell script \"" + command + "\" with administrator privileges")), false));
    }
}
