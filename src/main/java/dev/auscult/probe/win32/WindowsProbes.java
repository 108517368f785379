package dev.auscult.probe.win32;

import dev.auscult.posture.Inventory;
import dev.auscult.posture.Platform;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.NotOnThisPlatform;
import dev.auscult.probe.ProbeSet;
import java.util.List;

/**
 * The Windows probe set. This version reads the OS, antivirus and display timeouts; the practices not
 * listed here are reported UNKNOWN ("cannot check … yet") rather than guessed.
 */
public final class WindowsProbes {

    private WindowsProbes() {
    }

    public static ProbeSet create() {
        return new ProbeSet(Platform.WIN32, new WindowsDeviceProbe(), List.of(
                new WindowsAntivirusProbe(),
                new DisplayTimeoutProbe(),
                new NotOnThisPlatform(PracticeId.GATEKEEPER, "Gatekeeper is a macOS feature; Windows has no equivalent"),
                new NotOnThisPlatform(PracticeId.SYSTEM_INTEGRITY, "System Integrity Protection is a macOS feature; Windows has no equivalent")),
                evidence -> new Inventory(List.of(), false, "this version of Auscult cannot list Windows applications yet", List.of()));
    }
}
