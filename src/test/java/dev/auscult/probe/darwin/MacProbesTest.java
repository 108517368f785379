package dev.auscult.probe.darwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.State;
import dev.auscult.probe.Recorded;
import org.junit.jupiter.api.Test;

class MacProbesTest {

    @Test
    void swVersReadsTabsSpacesAndBothProductNames() {
        SwVers old = SwVers.parse("ProductName:\tMac OS X\nProductVersion:\t10.14.1\nBuildVersion:\t18B75\n");
        assertEquals("Mac OS X", old.productName().orElseThrow());
        assertEquals("10.14.1", old.productVersion().orElseThrow());
        SwVers rsr = SwVers.parse("ProductName:            macOS\nProductVersion:         13.3.1\nProductVersionExtra:    (a)\nBuildVersion:           22E772610a\n");
        assertEquals("13.3.1", rsr.productVersion().orElseThrow());
        assertEquals("(a)", rsr.productVersionExtra().orElseThrow());
    }

    private static Observation sip(String out) {
        return new SystemIntegrityProbe().observe(Recorded.on(OsPlatform.DARWIN).command("darwin.sip", 0, out).evidence());
    }

    @Test
    void sipEnabledDisabledAndCustom() {
        assertEquals(State.ON, sip("System Integrity Protection status: enabled.\n").state());
        assertEquals(State.OFF, sip("System Integrity Protection status: disabled.\n").state());
        Observation custom = sip("System Integrity Protection status: enabled (Custom Configuration).\n\nConfiguration:\n"
                + "\tApple Internal: disabled\n\tKext Signing: enabled\n\tFilesystem Protections: disabled\n");
        assertEquals(State.UNKNOWN, custom.state());
        assertTrue(custom.reason().contains("Filesystem Protections"), custom.reason());
    }

    @Test
    void gatekeeperReadsSpctl() {
        assertEquals(State.ON, new GatekeeperProbe().observe(Recorded.on(OsPlatform.DARWIN)
                .command("darwin.gatekeeper", 0, "assessments enabled\n").evidence()).state());
        assertEquals(State.OFF, new GatekeeperProbe().observe(Recorded.on(OsPlatform.DARWIN)
                .command("darwin.gatekeeper", 1, "assessments disabled\n").evidence()).state());
        assertEquals(State.UNKNOWN, new GatekeeperProbe().observe(Recorded.on(OsPlatform.DARWIN).evidence()).state());
    }
}
