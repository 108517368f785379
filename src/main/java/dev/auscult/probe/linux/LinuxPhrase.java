package dev.auscult.probe.linux;

import dev.auscult.posture.Phrase;

/** How the Linux probes word what they found; translations are keyed {@code linux.NAME}. */
public enum LinuxPhrase implements Phrase {
    OS_VERSION_UNREADABLE("the OS version could not be read: {0}"),
    OS_NO_VERSION("{0} does not state a version (VERSION_ID is absent, as on rolling releases)"),
    OS_ROLLING("{0} is a rolling release: it has no version number; it is as current as its last update"),
    OS_VERSION("{0} (VERSION_ID {1})"),
    SERVICES_UNREADABLE("service states could not be read: {0}"),
    SYSTEMCTL_FAILED("systemctl failed: {0}"),
    GATEKEEPER_MAC_ONLY("Gatekeeper is a macOS feature; Linux has no equivalent"),
    SIP_MAC_ONLY("System Integrity Protection is a macOS feature; Linux has no equivalent"),
    OPEN_WIFI_NOT_CHECKED("open Wi-Fi networks are not checked on Linux: NetworkManager keeps saved networks' security settings readable by root only"),
    AV_SERVICES_UNREADABLE("the antivirus services could not be checked: {0}"),
    AV_RUNNING("{0} is running"),
    AV_NOT_RECORDED("no antivirus service state was recorded"),
    AV_INSTALLED_NOT_RUNNING("{0} is installed but not running"),
    AV_NONE_RUNNING("no antivirus is running (looked for ClamAV, Microsoft Defender, CrowdStrike, SentinelOne and Sophos)"),
    APT_REFUSED("APT's settings cannot be read, and APT itself refuses them: {0}"),
    APT_UNREADABLE("the APT settings could not be read: {0}"),
    APT_UPGRADES_OFF("unattended upgrades are off (APT::Periodic::Unattended-Upgrade is {0})"),
    APT_LISTS_NEVER_REFRESHED("unattended upgrades are on, but package lists are never refreshed (APT::Periodic::Update-Package-Lists is {0}), so no new updates are found"),
    APT_SETTING_NOT_SET("not set"),
    APT_SETTING_VALUE("\"{0}\""),
    APT_PACKAGE_MISSING("APT is set to run unattended upgrades, but the unattended-upgrades package is not installed"),
    APT_UPGRADES_ON("security updates are installed automatically (unattended-upgrades)"),
    NO_KNOWN_UPDATER("neither APT nor dnf-automatic is present, and this distribution's update mechanism is not one Auscult can check"),
    DNF_TIMERS_UNREADABLE("the dnf-automatic timers could not be checked: {0}"),
    DNF_INSTALLS("dnf-automatic installs updates on a timer"),
    DNF_DOWNLOADS_ONLY("dnf-automatic runs but only downloads updates (apply_updates is not yes)"),
    DNF_TIMER_OFF("dnf-automatic is installed but its timer is not enabled"),
    DNF_CONF_ABSENT("{0} is enabled, but /etc/dnf/automatic.conf is absent: the shipped settings, which only download updates unless that file sets apply_updates = yes, could not be read"),
    DNF_SECURITY_ONLY("dnf-automatic installs security updates on a timer; other updates wait (upgrade_type = security)"),
    DISKS_UNLISTED("the disks could not be listed: {0}"),
    DISKS_NOT_UNDERSTOOD("the disk list could not be understood: {0}"),
    DISK_ENCRYPTED("the system disk is encrypted: {0}"),
    DISK_NOT_ENCRYPTED("the system disk is not encrypted: / is on {0} with no LUKS/dm-crypt layer"),
    ROOT_NOT_FOUND("no disk is mounted at / in the lsblk output, so the system disk could not be identified"),
    ROOT_NOT_A_DISK("/ is mounted as {0} from {1}, not from a disk partition (a container or network root?), so its encryption cannot be seen"),
    UFW_ENABLED_STATE_UNKNOWN("ufw is enabled in /etc/ufw/ufw.conf (its service state could not be read: {0})"),
    FIREWALL_SERVICES_UNREADABLE("the firewall services could not be checked: {0}"),
    UFW_RUNNING("ufw is enabled and running"),
    FIREWALLD_RUNNING("firewalld is running"),
    FIREWALL_NOT_RECORDED("no firewall service state was recorded"),
    FIREWALL_PARTLY_UNREAD("no firewall was seen running, but the state of {0} could not be read"),
    UFW_NOT_RUNNING("ufw is enabled in its configuration but its service is not running"),
    NO_FIREWALL("no firewall is running (ufw, firewalld and nftables are all inactive or not installed)"),
    NFT_RULES_UNREADABLE("nftables is running but its ruleset could not be read: {0}"),
    NFT_FILTERING("nftables is running with a ruleset that drops or rejects traffic"),
    NFT_ACCEPTS_ALL("nftables is running, but /etc/nftables.conf drops nothing (the stock ruleset accepts all traffic)"),
    NO_PACKAGE_MANAGER("no package manager was found (dpkg, rpm or flatpak)"),
    PACKAGES_PARTLY_LISTED("some installed software could not be listed: {0}"),
    PACKAGES_LISTED("packages listed: {0}"),
    REMOTE_LOGIN_LISTENING("remote login is open: a service listens for {0} connections on TCP port {1}"),
    SSH_RUNNING("the SSH server ({0}) is running"),
    NO_REMOTE_LOGIN("nothing accepts remote logins: no listener on TCP ports 22 or 23"),
    NO_REMOTE_LOGIN_SSH_STOPPED("nothing accepts remote logins: no listener on TCP ports 22 or 23 and the SSH server is not running"),
    PORTS_UNREADABLE("the listening network ports could not be read: {0}"),
    DESKTOP_NOT_SUPPORTED("the {0} desktop is not one whose screen lock Auscult can read (GNOME and KDE Plasma are)"),
    NO_DESKTOP_NO_DCONF("no graphical desktop session was found (XDG_CURRENT_DESKTOP, XDG_SESSION_DESKTOP and DESKTOP_SESSION are unset, this user has no GNOME settings database and no KDE lock settings), so there is no screen lock to check"),
    NO_DESKTOP("no graphical desktop session was found (XDG_CURRENT_DESKTOP, XDG_SESSION_DESKTOP and DESKTOP_SESSION are unset, and neither GNOME's nor KDE's lock settings answered), so there is no screen lock to check"),
    GNOME_UNNAMED(" (no desktop was named in the environment; GNOME's settings answered)"),
    GNOME_UNREADABLE("the GNOME screen-lock settings could not be read"),
    GNOME_UNREADABLE_WHY("the GNOME screen-lock settings could not be read: {0}"),
    GNOME_LOCK_DISABLED("GNOME does not lock the screen when it blanks (lock-enabled is false){0}"),
    GNOME_NEVER_BLANKS("GNOME never blanks the screen when idle (idle-delay is 0), so it never locks by itself"),
    GNOME_LOCKS("GNOME locks the screen after {0} idle ({1} s in all){2}"),
    GNOME_LOCKS_WITH_DELAY("GNOME locks the screen after {0} idle, password after {1} more ({2} s in all){3}"),
    KDE_UNREADABLE("the KDE screen-lock settings could not be read: {0}"),
    KDE_AUTOLOCK_OFF("KDE Plasma does not lock the screen automatically (Autolock=false)"),
    KDE_NO_PASSWORD("KDE Plasma locks the screen but unlocks it without a password (RequirePassword=false)"),
    KDE_VALUES_UNREADABLE("kscreenlockerrc has an unreadable Timeout or LockGrace value"),
    KDE_NEVER_LOCKS("KDE Plasma never locks by itself (Timeout=0)"),
    KDE_LOCKS("KDE Plasma locks after {0} min idle ({1} s in all){2}"),
    KDE_LOCKS_WITH_GRACE("KDE Plasma locks after {0} min idle, password after {1} s more ({2} s in all){3}"),
    KDE_DEFAULTS(" (defaults: no kscreenlockerrc)");

    private final String english;

    LinuxPhrase(String english) {
        this.english = english;
    }

    @Override
    public String key() {
        return "linux." + name();
    }

    @Override
    public String english() {
        return english;
    }
}
