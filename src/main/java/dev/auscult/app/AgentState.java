package dev.auscult.app;

import dev.auscult.posture.ScanReport;
import java.util.Optional;

/**
 * What the UI shows: the last report (if any scan finished), whether a scan is running, and a problem
 * that stopped the last scan (e.g. an invalid policy file), in plain words.
 */
public record AgentState(Optional<ScanReport> report, boolean scanning, Optional<ScanProblem> problem) {

    public static AgentState initial() {
        return new AgentState(Optional.empty(), false, Optional.empty());
    }
}
