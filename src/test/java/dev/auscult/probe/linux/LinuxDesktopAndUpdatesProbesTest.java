package dev.auscult.probe.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.State;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Recorded;
import org.junit.jupiter.api.Test;

/** Screen lock on GNOME and KDE, automatic updates with APT and DNF, os-release quirks. */
class LinuxDesktopAndUpdatesProbesTest {

    private static Recorded gnome(String lockEnabled, String idle, String lockDelay) {
        return Recorded.on(OsPlatform.LINUX).env("linux.desktop_session", "ubuntu:GNOME")
                .command("linux.gnome_lock_enabled", 0, lockEnabled + "\n")
                .command("linux.gnome_idle_delay", 0, "uint32 " + idle + "\n")
                .command("linux.gnome_lock_delay", 0, "uint32 " + lockDelay + "\n");
    }

    @Test
    void gnomeDefaultsLockAfterFiveMinutes() {
        Observation idle = new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_IDLE, java.util.List.of(ScreenLockSettings.DESKTOP), ScreenLockSettings::read).observe(gnome("true", "300", "0").evidence());
        assertEquals(State.ON, idle.state());
        assertEquals(300, idle.value().getAsLong());
        assertEquals(315, new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_IDLE, java.util.List.of(ScreenLockSettings.DESKTOP), ScreenLockSettings::read).observe(gnome("true", "300", "15").evidence()).value().getAsLong());
    }

    @Test
    void gnomeWithLockDisabledOrNeverBlankingIsOff() {
        assertEquals(State.OFF, new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_LOCK, java.util.List.of(ScreenLockSettings.DESKTOP), ScreenLockSettings::read).observe(gnome("false", "300", "0").evidence()).state());
        Observation never = new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_IDLE, java.util.List.of(ScreenLockSettings.DESKTOP), ScreenLockSettings::read).observe(gnome("true", "0", "0").evidence());
        assertEquals(State.OFF, never.state());
        assertTrue(never.value().isEmpty());
    }

    @Test
    void gsettingsFailureIsUnknown() {
        Recorded r = Recorded.on(OsPlatform.LINUX).env("linux.desktop_session", "GNOME")
                .unavailable("linux.gnome_lock_enabled", ReadStatus.MISSING, "gsettings is not installed");
        Observation o = new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_LOCK, java.util.List.of(ScreenLockSettings.DESKTOP), ScreenLockSettings::read).observe(r.evidence());
        assertEquals(State.UNKNOWN, o.state());
        assertTrue(o.reason().contains("gsettings is not installed"), o.reason());
    }

    @Test
    void kdeWithoutAConfigFileUsesPlasmaDefaults() {
        Observation o = new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_IDLE, java.util.List.of(ScreenLockSettings.DESKTOP), ScreenLockSettings::read).observe(Recorded.on(OsPlatform.LINUX).env("linux.desktop_session", "KDE").evidence());
        assertEquals(State.ON, o.state());
        assertEquals(305, o.value().getAsLong());
    }

    @Test
    void kdeTimeoutIsInMinutes() {
        Observation o = new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_IDLE, java.util.List.of(ScreenLockSettings.DESKTOP), ScreenLockSettings::read).observe(Recorded.on(OsPlatform.LINUX).env("linux.desktop_session", "KDE")
                .file("linux.kde_screenlocker", "[Daemon]\r\nAutolock=true\r\nLockGrace=0\r\nTimeout=15\r\n").evidence());
        assertEquals(900, o.value().getAsLong());
    }

    @Test
    void otherDesktopsAndNoDesktopAreUnknown() {
        assertEquals(State.UNKNOWN, new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_LOCK, java.util.List.of(ScreenLockSettings.DESKTOP), ScreenLockSettings::read).observe(
                Recorded.on(OsPlatform.LINUX).env("linux.desktop_session", "XFCE").evidence()).state());
        Observation none = new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_LOCK, java.util.List.of(ScreenLockSettings.DESKTOP), ScreenLockSettings::read).observe(Recorded.on(OsPlatform.LINUX).evidence());
        assertEquals(State.UNKNOWN, none.state());
        assertTrue(none.reason().contains("no graphical desktop session"));
    }

    private static Observation lock(dev.auscult.posture.PracticeId practice, Recorded r) {
        return new dev.auscult.probe.ScreenLockProbe(practice, ScreenLockSettings.DESKTOP_SOURCES, ScreenLockSettings::read).observe(r.evidence());
    }

    @Test
    void withoutXdgCurrentDesktopTheSessionIsFoundFromOtherEvidence() {
        // started by a systemd user unit: XDG_CURRENT_DESKTOP unset, the display manager's XDG_SESSION_DESKTOP set
        Recorded unit = Recorded.on(OsPlatform.LINUX).env("linux.session_desktop", "ubuntu")
                .command("linux.gnome_lock_enabled", 0, "true\n").command("linux.gnome_idle_delay", 0, "uint32 300\n")
                .command("linux.gnome_lock_delay", 0, "uint32 0\n");
        Observation o = lock(dev.auscult.posture.PracticeId.SCREEN_LOCK, unit);
        assertEquals(State.ON, o.state(), o.reason());
        assertTrue(o.evidence().contains("linux.session_desktop"), o.evidence().toString());
        // a recording with no desktop variable at all, where gsettings answered lock-enabled true
        Recorded bare = Recorded.on(OsPlatform.LINUX)
                .command("linux.gnome_lock_enabled", 0, "true\n").command("linux.gnome_idle_delay", 0, "uint32 600\n")
                .command("linux.gnome_lock_delay", 0, "uint32 0\n");
        Observation b = lock(dev.auscult.posture.PracticeId.SCREEN_IDLE, bare);
        assertEquals(State.ON, b.state(), b.reason());
        assertEquals(600, b.value().getAsLong());
        assertTrue(b.reason().contains("GNOME's settings answered"), b.reason());
        // the same with a dconf database recorded: the user had a GNOME session, gsettings is asked
        Observation withDb = lock(dev.auscult.posture.PracticeId.SCREEN_IDLE, bare.file("linux.dconf_user_db", ""));
        assertEquals(State.ON, withDb.state(), withDb.reason());
        // no dconf database: gsettings would only recite the schemas' defaults, so it is not run and there is no desktop
        Recorded headless = Recorded.on(OsPlatform.LINUX).unavailable("linux.dconf_user_db", ReadStatus.MISSING, "~/.config/dconf/user does not exist");
        var gateway = headless.evidence();
        Observation h = new dev.auscult.probe.ScreenLockProbe(dev.auscult.posture.PracticeId.SCREEN_LOCK, ScreenLockSettings.DESKTOP_SOURCES,
                ScreenLockSettings::read).observe(gateway);
        assertEquals(State.UNKNOWN, h.state());
        assertTrue(h.reason().contains("no GNOME settings database"), h.reason());
        assertFalse(gateway.readings().containsKey("linux.gnome_lock_enabled"), "gsettings was not asked");
        // DESKTOP_SESSION=plasma names KDE
        assertEquals(905, lock(dev.auscult.posture.PracticeId.SCREEN_IDLE, Recorded.on(OsPlatform.LINUX).env("linux.desktop_session_name", "plasma")
                .file("linux.kde_screenlocker", "[Daemon]\nTimeout=15\n")).value().getAsLong());
    }

    @Test
    void kdeFifteenMinutesWithTheDefaultGracePassesTheDefaultPolicyAndSaysWhy() throws Exception {
        Observation idle = lock(dev.auscult.posture.PracticeId.SCREEN_IDLE, Recorded.on(OsPlatform.LINUX).env("linux.desktop_session", "KDE")
                .file("linux.kde_screenlocker", "[Daemon]\nAutolock=true\nTimeout=15\n"));
        assertEquals(905, idle.value().getAsLong());
        assertTrue(idle.reason().contains("locks after 15 min idle, password after 5 s more"), idle.reason());
        var policy = new dev.auscult.policy.PolicyLoader().bundled();
        var device = new dev.auscult.posture.DeviceFacts(OsPlatform.LINUX, java.util.Optional.empty(), java.util.Optional.of("24.04"),
                java.util.Optional.empty(), java.util.Optional.of("ubuntu"), java.util.List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), dev.auscult.posture.Finding.plain(""), java.util.List.of());
        var evaluator = new dev.auscult.policy.PolicyEvaluator("0.1.0");
        assertEquals(java.util.Optional.of(dev.auscult.posture.Verdict.PASS),
                evaluator.evaluate(policy, device, java.util.List.of(idle), java.util.Optional.empty()).getFirst().verdict());
        // a long grace still fails, and the reason gives the limit as the user would set it
        Observation longGrace = lock(dev.auscult.posture.PracticeId.SCREEN_IDLE, Recorded.on(OsPlatform.LINUX).env("linux.desktop_session", "KDE")
                .file("linux.kde_screenlocker", "[Daemon]\nTimeout=15\nLockGrace=60\n"));
        var fail = evaluator.evaluate(policy, device, java.util.List.of(longGrace), java.util.Optional.empty()).getFirst();
        assertEquals(java.util.Optional.of(dev.auscult.posture.Verdict.FAIL), fail.verdict());
        assertTrue(fail.reason().contains("at most 15 min, plus a 5 s grace"), fail.reason());
    }

    private static Observation updates(Recorded r) {
        return new LinuxAutomaticUpdatesProbe().observe(r.evidence());
    }

    @Test
    void aptWithoutPeriodicSettingsIsOff() {
        Observation o = updates(Recorded.on(OsPlatform.LINUX).command("linux.apt_config", 0, "APT \"\";\nAPT::Architecture \"amd64\";\n"));
        assertEquals(State.OFF, o.state());
        assertEquals("not set", o.details().get("APT::Periodic::Unattended-Upgrade"));
    }

    @Test
    void aptUpgradesWithoutListRefreshIsOff() {
        Observation o = updates(Recorded.on(OsPlatform.LINUX).command("linux.apt_config", 0,
                "APT::Periodic::Update-Package-Lists \"0\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n"));
        assertEquals(State.OFF, o.state());
        assertTrue(o.reason().contains("never refreshed"));
    }

    @Test
    void aptEnabledButPackageMissingIsOff() {
        Observation o = updates(Recorded.on(OsPlatform.LINUX).command("linux.apt_config", 0,
                        "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n")
                .command("linux.systemd_units", 0, "Id=unattended-upgrades.service\nLoadState=not-found\nActiveState=inactive\nUnitFileState=\n"));
        assertEquals(State.OFF, o.state());
    }

    @Test
    void dnfAutomaticThatOnlyDownloadsIsOff() {
        String units = "Id=dnf-automatic.timer\nLoadState=loaded\nActiveState=active\nUnitFileState=enabled\n";
        Recorded r = Recorded.on(OsPlatform.LINUX).unavailable("linux.apt_config", ReadStatus.MISSING, "apt-config is not installed")
                .command("linux.systemd_units", 0, units);
        assertEquals(State.OFF, updates(r.file("linux.dnf_automatic_conf", "[commands]\nupgrade_type = default\napply_updates = no\n")).state());
        assertEquals(State.ON, updates(r.file("linux.dnf_automatic_conf", "[commands]\napply_updates = yes\n[emitters]\n")).state());
    }

    @Test
    void dnfAutomaticApplyingSecurityUpdatesOnlyIsPartial() {
        String units = "Id=dnf-automatic.timer\nLoadState=loaded\nActiveState=active\nUnitFileState=enabled\n";
        Recorded r = Recorded.on(OsPlatform.LINUX).unavailable("linux.apt_config", ReadStatus.MISSING, "apt-config is not installed")
                .command("linux.systemd_units", 0, units);
        Observation security = updates(r.file("linux.dnf_automatic_conf", "[commands]\nupgrade_type = security\napply_updates = yes\n"));
        assertEquals(State.ON, security.state());
        assertTrue(security.partial(), "security updates install by themselves, the others wait");
        assertEquals("security", security.details().get("upgrade_type"));
    }

    /** Fedora 41+: dnf5-automatic.timer enabled (dnf-automatic.timer is its alias) and no /etc/dnf/automatic.conf. */
    @Test
    void dnf5WithoutItsConfigurationFileSaysWhatWasRead() {
        String units = "Id=dnf5-automatic.timer\nLoadState=loaded\nActiveState=active\nUnitFileState=enabled\n";
        Observation o = updates(Recorded.on(OsPlatform.LINUX).unavailable("linux.apt_config", ReadStatus.MISSING, "apt-config is not installed")
                .unavailable("linux.dnf_automatic_conf", ReadStatus.MISSING, "no such file").command("linux.systemd_units", 0, units));
        assertEquals(State.UNKNOWN, o.state(), "the shipped default only downloads, but it lives where Auscult does not read");
        assertTrue(o.reason().startsWith("dnf5-automatic.timer is enabled, but /etc/dnf/automatic.conf is absent"), o.reason());
        assertFalse(o.reason().contains("neither APT nor dnf-automatic"), o.reason());
    }

    @Test
    void placeholderAndRollingVersionsAreNoVersionAndSaySo() {
        var template = new LinuxDeviceProbe().describe(Recorded.on(OsPlatform.LINUX)
                .file("linux.os_release", "NAME=\"Example OS\"\nID=example\nVERSION_ID=TEMPLATE_VERSION_ID\n").evidence());
        assertTrue(template.osVersion().isEmpty(), "a placeholder is not a version");
        assertEquals("os-release (VERSION_ID) gives \u201cTEMPLATE_VERSION_ID\u201d as the version, which is not a version number",
                template.osVersionReason());
        var tumbleweed = new LinuxDeviceProbe().describe(Recorded.on(OsPlatform.LINUX).file("linux.os_release",
                "NAME=\"openSUSE Tumbleweed\"\nVERSION_ID=\"20251201\"\nPRETTY_NAME=\"openSUSE Tumbleweed\"\nID=\"opensuse-tumbleweed\"\n").evidence());
        assertTrue(tumbleweed.osVersion().isEmpty(), "a snapshot date is not a release version");
        assertEquals("openSUSE Tumbleweed is a rolling release: it has no version number; it is as current as its last update",
                tumbleweed.osVersionReason());
        var debian = new LinuxDeviceProbe().describe(Recorded.on(OsPlatform.LINUX)
                .file("linux.os_release", "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"13\"\nID=debian\n").evidence());
        assertEquals("13", debian.osVersion().orElseThrow());
    }

    /** Real os-release files (resources/outputs/PROVENANCE.md): a rolling release, and an image whose BUILD_ID is not "rolling". */
    @Test
    void realOsReleaseFilesFromTheWild() throws Exception {
        var cachy = new LinuxDeviceProbe().describe(Recorded.on(OsPlatform.LINUX)
                .file("linux.os_release", dev.auscult.Fixtures.text("outputs/os-release-cachyos.txt")).evidence());
        assertTrue(cachy.osVersion().isEmpty(), "IMAGE_VERSION is the installer image's date, not a version");
        assertEquals("CachyOS is a rolling release: it has no version number; it is as current as its last update", cachy.osVersionReason());
        var aurora = new LinuxDeviceProbe().describe(Recorded.on(OsPlatform.LINUX)
                .file("linux.os_release", dev.auscult.Fixtures.text("outputs/os-release-aurora-41.txt")).evidence());
        assertEquals("41", aurora.osVersion().orElseThrow());
        assertEquals("Aurora 41 (FROM Fedora Kinoite) (VERSION_ID 41)", aurora.osVersionReason());
    }

    @Test
    void aDistributionWithNeitherAptNorDnfIsUnknown() {
        Observation o = updates(Recorded.on(OsPlatform.LINUX).unavailable("linux.apt_config", ReadStatus.MISSING, "apt-config is not installed"));
        assertEquals(State.UNKNOWN, o.state());
    }

    @Test
    void osReleaseQuirks() {
        OsRelease ubuntu2204 = OsRelease.parse("PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\nID_LIKE=debian\n");
        assertEquals("Ubuntu", ubuntu2204.get("NAME").orElseThrow());
        assertEquals("22.04", ubuntu2204.get("VERSION_ID").orElseThrow());
        OsRelease unquoted = OsRelease.parse("NAME=Fedora Linux\r\nVERSION_ID=43\r\nID=fedora\r\n");
        assertEquals("43", unquoted.get("VERSION_ID").orElseThrow());
        assertEquals("Fedora Linux", unquoted.get("NAME").orElseThrow());
        OsRelease arch = OsRelease.parse("NAME=\"Arch Linux\"\nPRETTY_NAME=\"Arch Linux\"\nID=arch\nBUILD_ID=rolling\n");
        assertTrue(arch.get("VERSION_ID").isEmpty());
        assertEquals("it's \"quoted\"", OsRelease.parse("X=\"it's \\\"quoted\\\"\"\nY='single'\n").get("X").orElseThrow());
    }

    @Test
    void rollingReleasesHaveNoVersionAndSayWhy() {
        var facts = new LinuxDeviceProbe().describe(Recorded.on(OsPlatform.LINUX)
                .file("linux.os_release", "NAME=\"Arch Linux\"\nPRETTY_NAME=\"Arch Linux\"\nID=arch\nBUILD_ID=rolling\n").evidence());
        assertTrue(facts.osVersion().isEmpty());
        assertTrue(facts.osVersionReason().contains("rolling"), facts.osVersionReason());
        assertEquals("arch", facts.osId().orElseThrow());
    }
}
