package dev.auscult.fix;

import dev.auscult.posture.Phrase;

/**
 * What a fix will do, said to the person before they click (and kept in the fix record): one sentence per
 * fix, naming the setting and the command, so nobody is asked to agree to something unnamed.
 */
public enum FixPhrase implements Phrase {
    GNOME_LOCK_ON("turn on GNOME's automatic screen lock ({0})"),
    GNOME_LOCK_AND_IDLE("turn on GNOME's screen lock and lock after {0} idle ({1})"),
    KDE_LOCK_AND_IDLE("turn on KDE Plasma's screen lock and lock after {0} idle ({1})"),
    LINUX_FIREWALL_UFW("turn on the firewall (ufw enable)"),
    LINUX_FIREWALL_FIREWALLD("turn on the firewall (systemctl enable --now firewalld)"),
    LINUX_UNATTENDED_UPGRADES("turn on automatic security updates (unattended-upgrades)"),
    LINUX_DNF_AUTOMATIC("turn on automatic updates (dnf-automatic-install.timer)"),
    LINUX_SSH_OFF("stop and disable the SSH server (systemctl disable --now ssh)"),
    LINUX_CLAMAV_ON("start the ClamAV scanner and its updater (systemctl enable --now clamav-daemon clamav-freshclam)"),
    LINUX_OPEN_UPDATER("open {0} to install the waiting updates"),
    MAC_FIREWALL("turn on the macOS firewall (socketfilterfw --setglobalstate on)"),
    MAC_AUTOMATIC_UPDATES("turn on automatic checking, downloading and installing of macOS and security updates (softwareupdate --schedule on and the SoftwareUpdate preferences)"),
    MAC_REMOTE_LOGIN_OFF("turn off Remote Login (systemsetup -f -setremotelogin off)"),
    MAC_GATEKEEPER_ON("turn on Gatekeeper (spctl --global-enable)"),
    MAC_IDLE("start the screen saver, which locks the screen, after {0} idle (defaults -currentHost write com.apple.screensaver idleTime)"),
    MAC_OPEN_UPDATER("open Software Update in System Settings"),
    WIN_FIREWALL("turn on Windows Defender Firewall for every network profile (Set-NetFirewallProfile -Enabled True)"),
    WIN_DEFENDER_REALTIME("turn on Microsoft Defender real-time protection (Set-MpPreference -DisableRealtimeMonitoring $false)"),
    WIN_AUTOMATIC_UPDATES("let Windows Update run automatically again (the NoAutoUpdate setting removed, the service set to start)"),
    WIN_REMOTE_DESKTOP_OFF("turn off Remote Desktop (fDenyTSConnections = 1)"),
    WIN_SCREEN_SAVER_LOCK("lock the screen with a password-protected screen saver after {0} idle (your Control Panel\\Desktop settings)"),
    WIN_OPEN_UPDATER("open Windows Update in Settings and check for updates"),
    ASKS_PASSWORD("Your password may be asked."),
    CHANGES_YOUR_SETTINGS("Only your own settings change; no password is needed."),
    OPENS_ONLY("Nothing changes until you install the updates there.");

    private final String english;

    FixPhrase(String english) {
        this.english = english;
    }

    @Override
    public String key() {
        return "fix." + name();
    }

    @Override
    public String english() {
        return english;
    }
}
