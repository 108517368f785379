package dev.auscult.app;

import dev.auscult.posture.OsPlatform;
import dev.auscult.probe.ProbeSet;
import dev.auscult.probe.darwin.MacProbes;
import dev.auscult.probe.linux.LinuxProbes;
import dev.auscult.probe.win32.WindowsProbes;

/** Picks the probe set for a platform family. */
final class ProbeSets {

    private ProbeSets() {
    }

    static ProbeSet forPlatform(OsPlatform platform) {
        return switch (platform) {
            case DARWIN -> MacProbes.create();
            case WIN32 -> WindowsProbes.create();
            case LINUX -> LinuxProbes.create();
        };
    }
}
