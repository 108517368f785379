package dev.auscult.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.probe.SourceCatalog;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A real scan of the machine the build runs on. */
class LiveScanTest {

    @Test
    void scansThisMachineWithAStateAndReasonForEveryPractice() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the live probes of this build are Linux's");
        ScanService service = new ScanService(SourceCatalog.bundled(), "1.0.0", Clock.systemUTC());
        ScanService.Outcome outcome = service.scanThisMachine(new PolicyLoader().bundled(), new PolicyRef("bundled default", "default"));
        ScanReport report = outcome.report();
        Set<PracticeId> seen = report.practices().stream().map(PracticeResult::practice).collect(Collectors.toSet());
        for (PracticeId id : PracticeId.values()) {
            assertTrue(id == PracticeId.APPLICATIONS || seen.contains(id), id + " missing from the report");
        }
        for (PracticeResult r : report.practices()) {
            assertNotNull(r.observation().state());
            assertFalse(r.reason().isBlank(), r.practice() + " has no reason");
        }
        assertTrue(report.device().osVersion().isPresent() || !report.device().osVersionReason().isBlank());
        assertTrue(report.durationMillis().isPresent());
        assertFalse(outcome.readings().isEmpty());
    }
}
