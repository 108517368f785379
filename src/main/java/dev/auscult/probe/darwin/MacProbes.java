package dev.auscult.probe.darwin;

import dev.auscult.posture.Finding;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.ProbeSet;
import dev.auscult.probe.ScreenLockProbe;
import dev.auscult.probe.UncheckablePractice;
import java.util.List;

/** The macOS probe set. */
public final class MacProbes {

    private MacProbes() {
    }

    public static ProbeSet create() {
        return new ProbeSet(OsPlatform.DARWIN, new MacDeviceProbe(), List.of(
                new FileVaultProbe(),
                new MacFirewallProbe(),
                new MacAutomaticUpdatesProbe(),
                new ScreenLockProbe(PracticeId.SCREEN_LOCK, MacScreenLock.SOURCES, MacScreenLock::read),
                new ScreenLockProbe(PracticeId.SCREEN_IDLE, MacScreenLock.SOURCES, MacScreenLock::read),
                new MacRemoteLoginProbe(),
                new XProtectProbe(),
                new GatekeeperProbe(),
                new SystemIntegrityProbe(),
                new UncheckablePractice(PracticeId.OPEN_WIFI_CONNECTIONS,
                        Finding.of(MacPhrase.OPEN_WIFI_NOT_CHECKED))),
                new MacApplicationInventory());
    }
}
