package dev.auscult.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auscult.posture.PracticeId;
import dev.auscult.probe.darwin.MacProbes;
import dev.auscult.probe.linux.LinuxProbes;
import dev.auscult.probe.win32.WindowsProbes;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every platform answers for every practice: with a probe, or with a stated reason it cannot be checked
 * there. A practice with no entry would fall through to a generic "cannot check yet" and go unnoticed.
 */
class ProbeCoverageTest {

    /** Practices the scanner answers itself (device facts, the inventory, its own version). */
    private static final Set<PracticeId> FROM_THE_SCANNER = EnumSet.of(PracticeId.OS_VERSION, PracticeId.APPLICATIONS, PracticeId.AGENT_VERSION);

    @Test
    void everyPlatformCoversEveryPractice() {
        for (ProbeSet set : List.of(LinuxProbes.create(), MacProbes.create(), WindowsProbes.create())) {
            Set<PracticeId> missing = EnumSet.complementOf(EnumSet.copyOf(FROM_THE_SCANNER));
            set.practices().forEach(p -> missing.remove(p.practice()));
            assertEquals(Set.of(), missing, set.platform() + " has no probe for these practices");
            assertEquals(set.practices().size(), set.practices().stream().map(PracticeProbe::practice).distinct().count(),
                    set.platform() + " has two probes for one practice");
        }
    }
}
