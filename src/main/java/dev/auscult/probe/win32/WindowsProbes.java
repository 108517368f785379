package dev.auscult.probe.win32;

import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.NotOnThisPlatform;
import dev.auscult.probe.ProbeSet;
import dev.auscult.probe.ScreenLockProbe;
import dev.auscult.probe.UncheckablePractice;
import java.util.List;

/** The Windows probe set. */
public final class WindowsProbes {

    private WindowsProbes() {
    }

    public static ProbeSet create() {
        return new ProbeSet(OsPlatform.WIN32, new WindowsDeviceProbe(), List.of(
                new BitLockerProbe(),
                new WindowsFirewallProbe(),
                new WindowsUpdateProbe(),
                new ScreenLockProbe(PracticeId.SCREEN_LOCK, WindowsScreenLock.SOURCES, WindowsScreenLock::read),
                new ScreenLockProbe(PracticeId.SCREEN_IDLE, WindowsScreenLock.SOURCES, WindowsScreenLock::read),
                new RemoteDesktopProbe(),
                new WindowsAntivirusProbe(),
                new NotOnThisPlatform(PracticeId.GATEKEEPER, "Gatekeeper is a macOS feature; Windows has no equivalent"),
                new NotOnThisPlatform(PracticeId.SYSTEM_INTEGRITY, "System Integrity Protection is a macOS feature; Windows has no equivalent"),
                new UncheckablePractice(PracticeId.OPEN_WIFI_CONNECTIONS,
                        "Windows reports the security of remembered Wi-Fi networks only in translated text, which Auscult does not guess at")),
                new WindowsAppInventory());
    }
}
