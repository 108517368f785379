package dev.auscult.probe.linux;

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
                absent(PracticeId.GATEKEEPER, "Gatekeeper is a macOS feature; Linux has no equivalent"),
                absent(PracticeId.SYSTEM_INTEGRITY, "System Integrity Protection is a macOS feature; Linux has no equivalent"),
                new dev.auscult.probe.UncheckablePractice(PracticeId.OPEN_WIFI_CONNECTIONS,
                        "open Wi-Fi networks are not checked on Linux: NetworkManager keeps saved networks' security settings readable by root only")),
                new LinuxPackageInventory());
    }

    private static PracticeProbe absent(PracticeId id, String reason) {
        return new NotOnThisPlatform(id, reason);
    }
}
