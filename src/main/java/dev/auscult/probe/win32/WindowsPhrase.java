package dev.auscult.probe.win32;

import dev.auscult.posture.Phrase;

/** How the Windows probes word what they found; translations are keyed {@code win32.NAME}. */
public enum WindowsPhrase implements Phrase {
    OS_VERSION("{0} {1}"),
    GATEKEEPER_MAC_ONLY("Gatekeeper is a macOS feature; Windows has no equivalent"),
    SIP_MAC_ONLY("System Integrity Protection is a macOS feature; Windows has no equivalent"),
    OPEN_WIFI_NOT_CHECKED("Windows reports the security of remembered Wi-Fi networks only in translated text, which Auscult does not guess at"),
    OS_VERSION_UNREADABLE("the Windows version could not be read"),
    OS_VERSION_UNREADABLE_WHY("the Windows version could not be read: {0}"),
    POWERSHELL_FAILED("PowerShell exited with code {0}"),
    POWERSHELL_FAILED_SAYING("PowerShell exited with code {0}: {1}"),
    NOT_THE_JSON_EXPECTED("the output was not the JSON expected"),
    BITLOCKER_ON("BitLocker protects the system drive"),
    BITLOCKER_OFF("BitLocker is off on the system drive"),
    BITLOCKER_SUSPENDED("BitLocker protection of the system drive is suspended or being removed (status {0})"),
    BITLOCKER_ON_BY_VOLUMES("BitLocker protects the system drive (volume list)"),
    BITLOCKER_OFF_BY_VOLUMES("BitLocker protection is off on the system drive (volume list)"),
    BITLOCKER_NO_STATUS("the system drive reports no BitLocker status (BitLocker or device encryption may not be available on this edition)"),
    BITLOCKER_UNRECOGNISED("unrecognised BitLocker status '{0}'"),
    ENCRYPTION_UNCONFIRMED("disk encryption could not be confirmed: {0}"),
    RDP_UNREADABLE("the Remote Desktop setting could not be read: {0}"),
    RDP_SETTING_ABSENT("fDenyTSConnections is absent"),
    RDP_REFUSED("Remote Desktop connections are refused"),
    RDP_ACCEPTED("Remote Desktop accepts connections to this PC"),
    AV_LIST_NOT_UNDERSTOOD("the antivirus list could not be understood: {0}"),
    AV_NONE_ON("no registered antivirus is turned on"),
    AV_STALE("{0} is on but its definitions are out of date"),
    AV_CURRENT("{0} is on and up to date"),
    DEFENDER_NOT_UNDERSTOOD("Microsoft Defender's status could not be understood"),
    AV_UNREADABLE("neither Security Center ({0}) nor Microsoft Defender ({1}) could be read"),
    DEFENDER_NO_STATUS("no status"),
    DEFENDER_SILENT("Microsoft Defender did not report whether it is enabled"),
    DEFENDER_PASSIVE("Microsoft Defender is off or passive, and Security Center could not say whether another antivirus is active"),
    DEFENDER_STALE("Microsoft Defender is on but its definitions are {0} days old"),
    DEFENDER_ON("Microsoft Defender is on"),
    DEFENDER_ON_AGED("Microsoft Defender is on, definitions {0} days old"),
    PROGRAMS_UNLISTED("the installed programs could not be listed: {0}"),
    PROGRAMS_LISTED("programs listed: {0}"),
    FIREWALL_PROFILES_UNREADABLE("the firewall profiles could not be read: {0}"),
    FIREWALL_NO_PROFILES("none were listed"),
    FIREWALL_OFF_PROFILE("the firewall is off for the {0} network profile"),
    FIREWALL_OFF_PROFILES("the firewall is off for the {0} network profiles"),
    FIREWALL_PROFILE_UNDETERMINED("the firewall state of the {0} profile could not be determined"),
    FIREWALL_ON_EVERYWHERE("the firewall is on for every network profile ({0})"),
    LOCK_SETTINGS_UNREADABLE("the screen saver and inactivity settings could not be read: {0}"),
    SCREEN_SAVER_UNREADABLE("the screen saver settings could not be read: {0}"),
    NEVER_LOCKS("Windows never locks by itself: no secure screen saver and no inactivity limit"),
    LOCKS_AFTER("Windows locks after {0} s idle"),
    UPDATE_SERVICE_DISABLED("the Windows Update service is disabled"),
    UPDATES_OFF_BY_POLICY("automatic updates are turned off by policy (NoAutoUpdate)"),
    UPDATES_AUTOMATIC_BY_POLICY("updates download and install automatically (policy)"),
    UPDATES_NOTIFY_BY_POLICY("Windows only notifies before downloading updates (policy)"),
    UPDATES_DOWNLOAD_ONLY_BY_POLICY("updates download automatically but wait for you to install them (policy)"),
    AU_OPTIONS_UNRECOGNISED("unrecognised AUOptions policy value {0}"),
    UPDATE_SETTINGS_UNREADABLE("the Windows Update settings could not be read: {0}"),
    NO_NOTIFICATION_LEVEL("no NotificationLevel"),
    UPDATES_AUTOMATIC("updates download and install automatically"),
    UPDATES_DEFAULT("Windows Update uses its default: updates download and install automatically"),
    UPDATES_DISABLED("automatic updates are disabled"),
    UPDATES_NOTIFY("Windows only notifies before downloading updates"),
    UPDATES_DOWNLOAD_ONLY("updates download automatically but wait for you to install them"),
    NOTIFICATION_LEVEL_UNRECOGNISED("unrecognised NotificationLevel {0}");

    private final String english;

    WindowsPhrase(String english) {
        this.english = english;
    }

    @Override
    public String key() {
        return "win32." + name();
    }

    @Override
    public String english() {
        return english;
    }
}
