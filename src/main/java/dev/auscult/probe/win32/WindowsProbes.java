package dev.auscult.probe.win32;

import dev.auscult.posture.Finding;
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
                new NotOnThisPlatform(PracticeId.GATEKEEPER, Finding.of(WindowsPhrase.GATEKEEPER_MAC_ONLY)),
                new NotOnThisPlatform(PracticeId.SYSTEM_INTEGRITY, Finding.of(WindowsPhrase.SIP_MAC_ONLY)),
                new UncheckablePractice(PracticeId.OPEN_WIFI_CONNECTIONS,
                        Finding.of(WindowsPhrase.OPEN_WIFI_NOT_CHECKED))),
                new WindowsAppInventory());
    }
}
