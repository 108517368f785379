package dev.auscult.probe.darwin;

import dev.auscult.posture.Phrase;

/** How the macOS probes word what they found; translations are keyed {@code darwin.NAME}. */
public enum MacPhrase implements Phrase {
    OS_VERSION("{0} {1}"),
    OPEN_WIFI_NOT_CHECKED("macOS does not let a standard user read the security type of remembered Wi-Fi networks"),
    OS_VERSION_UNREADABLE("the macOS version could not be read: {0}"),
    SW_VERS_NO_VERSION("sw_vers printed no ProductVersion"),
    FILEVAULT_UNREADABLE("FileVault's status could not be read: {0}"),
    FDESETUP_FAILED("fdesetup exited with code {0}: {1}"),
    FILEVAULT_DECRYPTING("FileVault is being turned off (decryption in progress)"),
    FILEVAULT_DECRYPTING_AT("FileVault is being turned off (decryption in progress, {0} %)"),
    FILEVAULT_ENCRYPTING_PENDING("FileVault is encrypting the disk (pending until the Mac is plugged in); it is protected once encryption finishes"),
    FILEVAULT_ENCRYPTING("FileVault is encrypting the disk (under way); it is protected once encryption finishes"),
    FILEVAULT_ENCRYPTING_AT("FileVault is encrypting the disk ({0} % done); it is protected once encryption finishes"),
    FILEVAULT_DEFERRED("FileVault will be turned on at the next logout (deferred enablement); the disk is not encrypted yet"),
    FILEVAULT_ON("FileVault is on"),
    FILEVAULT_OFF("FileVault is off"),
    FDESETUP_UNRECOGNISED("fdesetup gave an answer Auscult does not recognise: {0}"),
    GATEKEEPER_UNREADABLE("Gatekeeper could not be checked: {0}"),
    GATEKEEPER_ON("Gatekeeper checks apps before they open"),
    GATEKEEPER_OFF("Gatekeeper is turned off: apps open without being checked"),
    SPCTL_UNEXPECTED("spctl printed an unexpected answer: {0}"),
    APPS_UNLISTED("the applications could not be listed: {0}"),
    APPS_LISTED("applications listed: {0}"),
    APPS_NOT_UNDERSTOOD("the application list could not be understood"),
    UPDATE_SETTINGS_UNREADABLE("the Software Update settings could not be read: {0}"),
    UPDATES_NOT_CHECKED("macOS does not check for updates automatically"),
    UPDATES_ALL_AUTOMATIC("macOS checks for, downloads and installs updates automatically"),
    UPDATES_PARTLY("macOS checks for updates, but does not {0} automatically"),
    UPDATES_SECURITY_WAIT("macOS checks for updates, but security updates wait for you: it does not {0} automatically"),
    UPDATE_CHECK("check for updates"),
    UPDATE_DOWNLOAD("download new updates"),
    UPDATE_SECURITY_RESPONSES("install security responses and system files"),
    UPDATE_DATA_FILES("install system data files (XProtect, Gatekeeper rules)"),
    UPDATE_MACOS("install macOS updates"),
    UPDATE_APPS("install app updates from the App Store"),
    FIREWALL_UNREADABLE("the firewall state could not be read: {0}"),
    SOCKETFILTERFW_NO_STATE("socketfilterfw gave no state"),
    FIREWALL_OFF("the macOS firewall is off"),
    FIREWALL_ON("the macOS firewall is on"),
    FIREWALL_BLOCKS_ALL("the macOS firewall is on and blocks all incoming connections"),
    FIREWALL_UNKNOWN_STATE("the firewall reported an unknown state {0}"),
    SSH_AND_SCREEN_SHARING_ON("Remote Login (SSH) and Screen Sharing are turned on"),
    SSH_ON("Remote Login (SSH) is turned on"),
    SCREEN_SHARING_ON("Screen Sharing is turned on"),
    SHARING_OFF("Remote Login and Screen Sharing are off"),
    REMOTE_PORT_LISTENING("a service listens for remote connections on port {0}"),
    NOTHING_LISTENING("nothing listens for remote logins on ports 22, 23 or 5900"),
    SHARING_UNREADABLE("the sharing services could not be checked: {0}"),
    PASSWORD_DELAY_UNREADABLE("whether a password is required after sleep could not be read: {0}"),
    SYSADMINCTL_NO_STATUS("sysadminctl gave no screen-lock status"),
    NO_PASSWORD_MANAGED("no password is asked when the screen saver starts or the display sleeps (managed by your organisation)"),
    NO_PASSWORD("no password is asked when the screen saver starts or the display sleeps (sysadminctl)"),
    IDLE_SETTINGS_UNREADABLE("neither the screen saver nor the display-sleep settings could be read"),
    ANY_POWER_SOURCE("any power source"),
    AC_POWER("ac power"),
    BATTERY_POWER("battery power"),
    POWER_SOURCE("{0} power"),
    NEVER_LOCKS_ON("the screen never locks by itself on {0}: neither the screen saver nor display sleep is set"),
    LOCKS_AFTER("the screen locks after {0} s idle at most"),
    LOCKS_AFTER_WITH_DELAY("the screen locks after {0} s idle at most (including a {1} s password delay)"),
    SIP_UNREADABLE("System Integrity Protection could not be checked: {0}"),
    CSRUTIL_NO_STATUS("csrutil printed no status line"),
    SIP_ON("System Integrity Protection is enabled"),
    SIP_OFF("System Integrity Protection is disabled"),
    SIP_CUSTOM_ALL_ON("System Integrity Protection is enabled (custom configuration, every protection on)"),
    SIP_CUSTOM_PARTLY("System Integrity Protection has a custom configuration (status {0}) with protections disabled: {1}"),
    XPROTECT_MISSING("XProtect, macOS's built-in malware protection, was not found: {0}"),
    XPROTECT_VERSION_UNREADABLE("XProtect's version could not be read"),
    XPROTECT_INSTALLED("XProtect, macOS's built-in malware protection, is installed (version {0})");

    private final String english;

    MacPhrase(String english) {
        this.english = english;
    }

    @Override
    public String key() {
        return "darwin." + name();
    }

    @Override
    public String english() {
        return english;
    }
}
