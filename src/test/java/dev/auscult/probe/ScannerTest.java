package dev.auscult.probe;

import dev.auscult.posture.DeviceScan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.Inventory;
import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.State;
import dev.auscult.probe.linux.LinuxProbes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannerTest {

    private static PracticeProbe throwing(PracticeId id) {
        return new PracticeProbe() {
            public PracticeId practice() {
                return id;
            }

            public List<String> sources() {
                return List.of();
            }

            public Observation observe(Evidence evidence) {
                throw new IllegalStateException("parser bug");
            }
        };
    }

    @Test
    void aProbeThatThrowsGivesUnknownAndTheScanGoesOn() {
        ProbeSet linux = LinuxProbes.create();
        ProbeSet broken = new ProbeSet(OsPlatform.LINUX, linux.device(), List.of(throwing(PracticeId.FIREWALL)), linux.inventory());
        DeviceScan scan = new Scanner(broken, "1.0.0").scan(Recorded.on(OsPlatform.LINUX).evidence(), false);
        Observation fw = scan.observations().stream().filter(o -> o.practice() == PracticeId.FIREWALL).findFirst().orElseThrow();
        assertEquals(State.UNKNOWN, fw.state());
        assertTrue(fw.reason().contains("parser bug"), fw.reason());
        Observation disk = scan.observations().stream().filter(o -> o.practice() == PracticeId.DISK_ENCRYPTION).findFirst().orElseThrow();
        assertTrue(disk.reason().contains("cannot check"), disk.reason());
    }

    @Test
    void theInventoryIsOnlyListedWhenAsked() {
        DeviceScan without = new Scanner(LinuxProbes.create(), "1.0.0").scan(Recorded.on(OsPlatform.LINUX).evidence(), false);
        assertTrue(without.inventory().isEmpty());
        DeviceScan with = new Scanner(LinuxProbes.create(), "1.0.0").scan(Recorded.on(OsPlatform.LINUX)
                .command("linux.dpkg_packages", 0, "bash\t5.2.15-2+b7\nzlib1g:amd64\t1:1.2.13.dfsg-1\n").evidence(), true);
        Inventory inv = with.inventory().orElseThrow();
        assertTrue(inv.complete());
        assertEquals(2, inv.apps().size());
        assertEquals("5.2.15-2+b7", inv.apps().getFirst().version());
    }
}
