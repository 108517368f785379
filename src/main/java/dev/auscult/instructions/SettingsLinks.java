package dev.auscult.instructions;

import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The "Open settings" target per practice, OS and (on Linux) desktop. */
public final class SettingsLinks {

    private SettingsLinks() {
    }

    public static Optional<SettingsLink> forPractice(PracticeId practice, OsPlatform platform, String desktop) {
        return switch (platform) {
            case DARWIN -> darwin(practice).map(u -> new SettingsLink.Uri(SettingsApp.MAC_SYSTEM_SETTINGS, u));
            case WIN32 -> windows(practice).map(u -> new SettingsLink.Uri(SettingsApp.WINDOWS_SETTINGS, u));
            case LINUX -> linux(practice, desktop.toLowerCase(Locale.ROOT));
        };
    }

    private static Optional<String> darwin(PracticeId p) {
        String prefix = "x-apple.systempreferences:";
        return Optional.ofNullable(switch (p) {
            case FIREWALL -> "com.apple.Network-Settings.extension?Firewall";
            case DISK_ENCRYPTION -> "com.apple.preference.security?FileVault";
            case OS_VERSION, AUTOMATIC_UPDATES -> "com.apple.Software-Update-Settings.extension";
            case SCREEN_LOCK, SCREEN_IDLE -> "com.apple.Lock-Screen-Settings.extension";
            case REMOTE_LOGIN -> "com.apple.Sharing-Settings.extension";
            case GATEKEEPER -> "com.apple.preference.security?Security";
            case OPEN_WIFI_CONNECTIONS -> "com.apple.wifi-settings-extension";
            default -> null;
        }).map(s -> prefix + s);
    }

    private static Optional<String> windows(PracticeId p) {
        return Optional.ofNullable(switch (p) {
            case FIREWALL -> "windowsdefender://network/";
            case ANTIVIRUS -> "windowsdefender://threat/";
            case DISK_ENCRYPTION -> "ms-settings:deviceencryption";
            case OS_VERSION, AUTOMATIC_UPDATES -> "ms-settings:windowsupdate";
            case SCREEN_LOCK -> "ms-settings:lockscreen";
            case SCREEN_IDLE -> "ms-settings:powersleep";
            case REMOTE_LOGIN -> "ms-settings:remotedesktop";
            case OPEN_WIFI_CONNECTIONS -> "ms-settings:network-wifi";
            case APPLICATIONS -> "ms-settings:appsfeatures";
            default -> null;
        });
    }

    private static Optional<SettingsLink> linux(PracticeId p, String desktop) {
        boolean kde = desktop.contains("kde");
        boolean gnome = !kde && (desktop.contains("gnome") || desktop.contains("unity") || desktop.contains("ubuntu"));
        if (kde) {
            return Optional.ofNullable(switch (p) {
                case SCREEN_LOCK, SCREEN_IDLE -> new SettingsLink.Program(SettingsApp.KDE_SCREEN_LOCKING, List.of("systemsettings", "kcm_screenlocker"));
                case OS_VERSION, AUTOMATIC_UPDATES -> new SettingsLink.Program(SettingsApp.KDE_DISCOVER, List.of("plasma-discover", "--mode", "update"));
                default -> null;
            });
        }
        if (gnome) {
            return Optional.ofNullable(switch (p) {
                case SCREEN_LOCK -> new SettingsLink.Program(SettingsApp.GNOME_SETTINGS, List.of("gnome-control-center", "privacy"));
                case SCREEN_IDLE -> new SettingsLink.Program(SettingsApp.GNOME_SETTINGS, List.of("gnome-control-center", "power"));
                case REMOTE_LOGIN -> new SettingsLink.Program(SettingsApp.GNOME_SETTINGS, List.of("gnome-control-center", "sharing"));
                case OS_VERSION, AUTOMATIC_UPDATES -> new SettingsLink.Program(SettingsApp.GNOME_SOFTWARE, List.of("gnome-software", "--mode=updates"));
                default -> null;
            });
        }
        return Optional.empty();
    }
}
