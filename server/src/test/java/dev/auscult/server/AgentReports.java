package dev.auscult.server;

import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyEvaluator;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.DeviceScan;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.probe.Scanner;
import dev.auscult.probe.Snapshot;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SnapshotEvidence;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.probe.linux.LinuxProbes;
import dev.auscult.report.ReportJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Real scan-report/1 documents, made by the agent's own scanner and evaluator from a recorded Debian 11 device. */
public final class AgentReports {

    private AgentReports() {
    }

    public static String debian11(Policy policy) {
        return debian11(policy, true);
    }

    /**
     * The recorded Debian 11 device, with automatic updates as recorded (on) or turned off the documented way
     * ({@code APT::Periodic::Unattended-Upgrade "0"}): the same device before and after a change.
     */
    public static String debian11(Policy policy, boolean automaticUpdates) {
        try {
            Path file = Path.of(AgentReports.class.getResource("/snapshots/linux-debian-11-unattended-upgrades-enabled.json").toURI());
            if (!automaticUpdates) {
                Path off = java.nio.file.Files.createTempFile("debian-11-updates-off", ".json");
                off.toFile().deleteOnExit();
                java.nio.file.Files.writeString(off, java.nio.file.Files.readString(file).replace("Unattended-Upgrade \\\"1\\\"", "Unattended-Upgrade \\\"0\\\""));
                file = off;
            }
            Snapshot snapshot = new SnapshotCodec(SourceCatalog.bundled()).read(file);
            DeviceScan scan = new Scanner(LinuxProbes.create(), "0.1.0").scan(new SnapshotEvidence(snapshot), policy.needsInventory());
            List<PracticeResult> results = new PolicyEvaluator("0.1.0").evaluate(policy, scan.device(), scan.observations(), scan.inventory());
            ScanReport report = new ScanReport("0.1.0", Optional.of(Instant.now()), OptionalLong.of(12), scan.device(),
                    new PolicyRef("backend", policy.name()), PolicyEvaluator.overall(results), results);
            return new ReportJson().write(report);
        } catch (Exception e) {
            throw new IllegalStateException("could not build a report from the recorded device", e);
        }
    }

    public static String debian11() {
        return debian11(new PolicyLoader().bundled());
    }
}
