package dev.auscult.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.Fixtures;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.State;
import dev.auscult.probe.darwin.MacProbes;
import dev.auscult.probe.linux.LinuxProbes;
import dev.auscult.probe.win32.WindowsProbes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The newest releases, met for the first time: real outputs of macOS 26, Windows 11 25H2, Fedora 43, Ubuntu 25.10,
 * Debian 13 and KDE Plasma 6 (resources/outputs/PROVENANCE.md) give the version the device states, say where it came
 * from, and never count a half-on setting as on.
 */
class NewestReleasesFirstContactTest {

    private static DeviceFacts linux(String fixture) throws Exception {
        return LinuxProbes.create().device().describe(Recorded.on(OsPlatform.LINUX)
                .file("linux.os_release", Fixtures.text("outputs/" + fixture)).evidence());
    }

    @Test
    void fedora43UbuntuQuestingAndDebianTrixieGiveTheirReleaseNumbers() throws Exception {
        DeviceFacts fedora = linux("os-release-fedora-43-workstation.txt");
        assertEquals("43", fedora.osVersion().orElseThrow());
        assertEquals("fedora", fedora.osId().orElseThrow());
        assertTrue(fedora.osVersionReason().contains("VERSION_ID 43"), fedora.osVersionReason());

        DeviceFacts ubuntu = linux("os-release-ubuntu-25.10.txt");
        assertEquals("25.10", ubuntu.osVersion().orElseThrow());

        // Debian 13 adds DEBIAN_VERSION_FULL (13.2); VERSION_ID stays the release a policy names ("13").
        DeviceFacts debian = linux("os-release-debian-13.2.txt");
        assertEquals("13", debian.osVersion().orElseThrow());
    }

    @Test
    void aWordWhereTheVersionShouldBeIsNoVersionAndTheReasonQuotesIt() throws Exception {
        DeviceFacts soltros = linux("os-release-soltros-unstable.txt");
        assertTrue(soltros.osVersion().isEmpty(), "\"Unstable\" is not a version");
        assertEquals("os-release (VERSION_ID) gives \u201cUnstable\u201d as the version, which is not a version number",
                soltros.osVersionReason());
    }

    @Test
    void macOsTahoeReleasesAndBetasGiveProductVersionAndBuild() throws Exception {
        DeviceFacts tahoe = MacProbes.create().device().describe(Recorded.on(OsPlatform.DARWIN)
                .command("darwin.sw_vers", 0, Fixtures.text("outputs/sw_vers-macos-26.6.2.txt")).evidence());
        assertEquals("26.6.2", tahoe.osVersion().orElseThrow());
        assertEquals("25G83", tahoe.osBuild().orElseThrow());
        assertTrue(tahoe.osVersionReason().contains("26.6.2") && tahoe.osVersionReason().contains("25G83"), tahoe.osVersionReason());

        DeviceFacts beta = MacProbes.create().device().describe(Recorded.on(OsPlatform.DARWIN)
                .command("darwin.sw_vers", 0, Fixtures.text("outputs/sw_vers-macos-26.3-beta.txt")).evidence());
        assertEquals("26.3", beta.osVersion().orElseThrow(), "the beta's build letter belongs to the build, not the version");
        assertEquals("25D5087f", beta.osBuild().orElseThrow());
    }

    @Test
    void windows11Of25H2IsNamedByItsBuildNotByTheRegistrysStaleProductName() throws Exception {
        DeviceFacts win = WindowsProbes.create().device().describe(Recorded.on(OsPlatform.WIN32)
                .command("win32.os", 0, Fixtures.text("outputs/win32-os-11-25h2.json")).evidence());
        assertEquals("10.0.26200", win.osVersion().orElseThrow());
        assertEquals("26200", win.osBuild().orElseThrow());
        assertEquals("Microsoft Windows 11 Pro", win.osName().orElseThrow());
    }

    private static Observation plasma(PracticeId practice, String fixture) throws Exception {
        PracticeProbe probe = LinuxProbes.create().practices().stream().filter(p -> p.practice() == practice).findFirst().orElseThrow();
        return probe.observe(
                Recorded.on(OsPlatform.LINUX).env("linux.desktop_session", "KDE")
                        .file("linux.kde_screenlocker", Fixtures.text("outputs/" + fixture)).evidence());
    }

    @Test
    void plasma6WithAutolockAndDefaultsLocksAfterFiveMinutesAndItsGrace() throws Exception {
        Observation idle = plasma(PracticeId.SCREEN_IDLE, "kscreenlockerrc-plasma6-autolock-defaults.txt");
        assertEquals(State.ON, idle.state());
        assertEquals(305, idle.value().getAsLong());
    }

    @Test
    void plasma6ThatUnlocksWithoutAPasswordIsNoScreenLock() throws Exception {
        for (PracticeId practice : List.of(PracticeId.SCREEN_LOCK, PracticeId.SCREEN_IDLE)) {
            Observation o = plasma(practice, "kscreenlockerrc-plasma6-no-password.txt");
            assertEquals(State.OFF, o.state(), practice + ": a lock screen anyone can dismiss is not a lock");
            assertEquals("KDE Plasma locks the screen but unlocks it without a password (RequirePassword=false)", o.reason());
        }
        Observation vm = plasma(PracticeId.SCREEN_LOCK, "kscreenlockerrc-plasma6-vm-no-lock.txt");
        assertEquals(State.OFF, vm.state());
        assertTrue(vm.reason().contains("Autolock=false"), vm.reason());
    }
}
