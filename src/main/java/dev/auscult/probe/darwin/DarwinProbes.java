package dev.auscult.probe.darwin;

import dev.auscult.posture.Inventory;
import dev.auscult.posture.Platform;
import dev.auscult.probe.ProbeSet;
import java.util.List;

/**
 * The macOS probe set. This version reads the OS, Gatekeeper and SIP; the practices not listed here are
 * reported UNKNOWN ("cannot check … yet") rather than guessed.
 */
public final class DarwinProbes {

    private DarwinProbes() {
    }

    public static ProbeSet create() {
        return new ProbeSet(Platform.DARWIN, new DarwinDeviceProbe(),
                List.of(new GatekeeperProbe(), new SystemIntegrityProbe()),
                evidence -> new Inventory(List.of(), false, "this version of Auscult cannot list macOS applications yet", List.of()));
    }
}
