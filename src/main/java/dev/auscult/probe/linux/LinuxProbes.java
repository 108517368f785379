package dev.auscult.probe.linux;

import dev.auscult.posture.Finding;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.NotOnThisPlatform;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.ProbeSet;
import dev.auscult.probe.ScreenLockProbe;
import java.util.List;

/** The Linux probe set. */
public final class LinuxProbes {

    private LinuxProbes() {
    }

    public static ProbeSet create() {
        return new ProbeSet(OsPlatform.LINUX, new LinuxDeviceProbe(), List.of(
                new LinuxDiskEncryptionProbe(),
                new LinuxFirewallProbe(),
                new LinuxAutomaticUpdatesProbe(),
                new ScreenLockProbe(PracticeId.SCREEN_LOCK, ScreenLockSettings.DESKTOP_SOURCES, ScreenLockSettings::read),
                new ScreenLockProbe(PracticeId.SCREEN_IDLE, ScreenLockSettings.DESKTOP_SOURCES, ScreenLockSettings::read),
                new LinuxRemoteLoginProbe(),
                new LinuxAntivirusProbe(),
                absent(PracticeId.GATEKEEPER, LinuxPhrase.GATEKEEPER_MAC_ONLY),
                absent(PracticeId.SYSTEM_INTEGRITY, LinuxPhrase.SIP_MAC_ONLY),
                new dev.auscult.probe.UncheckablePractice(PracticeId.OPEN_WIFI_CONNECTIONS,
                        Finding.of(LinuxPhrase.OPEN_WIFI_NOT_CHECKED))),
                new LinuxPackageInventory());
    }

    private static PracticeProbe absent(PracticeId id, LinuxPhrase why) {
        return new NotOnThisPlatform(id, Finding.of(why));
    }
}
