package dev.auscult.ui;

import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reports built by hand for UI tests. */
public final class ReportSamples {

    private ReportSamples() {
    }

    public static PracticeResult result(PracticeId id, Verdict v, String reason) {
        Observation o = switch (v) {
            case PASS -> Observation.on(id, reason, List.of("linux.x"));
            case UNKNOWN -> Observation.unknown(id, reason, List.of("linux.block_devices"));
            default -> Observation.off(id, reason, List.of("linux.x"));
        };
        return new PracticeResult(o, Optional.of(v), Optional.of("ALWAYS"), dev.auscult.posture.Finding.plain(reason), List.of());
    }

    public static PracticeResult notEvaluated(PracticeId id) {
        Observation o = Observation.on(id, "inventory only", List.of());
        return new PracticeResult(o, Optional.empty(), Optional.empty(), dev.auscult.posture.Finding.plain("inventory only"), List.of());
    }

    public static ScanReport report(OsPlatform platform, PracticeResult... results) {
        DeviceFacts device = new DeviceFacts(platform, Optional.of("Ubuntu"), Optional.of("24.04"), Optional.empty(), Optional.of("ubuntu"),
                List.of(), Optional.empty(), Optional.of("alice-laptop"), Optional.empty(), Optional.empty(), dev.auscult.posture.Finding.plain("Ubuntu 24.04"), List.of("linux.os_release"));
        List<PracticeResult> list = new ArrayList<>(List.of(results));
        List<Verdict> verdicts = list.stream().flatMap(r -> r.verdict().stream()).toList();
        return new ScanReport("1.0.0", Optional.of(Instant.parse("2026-11-26T10:00:00Z")), OptionalLong.of(42), device,
                new PolicyRef("bundled default", "Test policy"),
                verdicts.isEmpty() ? Optional.empty() : Optional.of(Verdict.worstOf(verdicts)), list);
    }

    public static ScanReport mixed() {
        return report(OsPlatform.LINUX,
                result(PracticeId.FIREWALL, Verdict.PASS, "ufw is enabled and running"),
                result(PracticeId.DISK_ENCRYPTION, Verdict.FAIL, "the system disk is not encrypted"),
                result(PracticeId.AUTOMATIC_UPDATES, Verdict.NUDGE, "unattended upgrades are off"),
                result(PracticeId.SCREEN_LOCK, Verdict.UNKNOWN, "no graphical desktop session was found"),
                result(PracticeId.REMOTE_LOGIN, Verdict.FAIL, "remote login is open: a service listens for SSH connections on TCP port 22"),
                notEvaluated(PracticeId.AGENT_VERSION));
    }

    /** A real KDE laptop whose screen does not lock by itself (recorded), judged by the bundled policy. */
    public static ScanReport recordedKdeLaptop() throws Exception {
        dev.auscult.probe.SourceCatalog catalog = dev.auscult.probe.SourceCatalog.bundled();
        var snapshot = new dev.auscult.probe.SnapshotCodec(catalog).read(dev.auscult.Fixtures.path("snapshots/linux-ubuntu-20.04-kde-autolock-false.json"));
        var policy = new dev.auscult.policy.PolicyLoader().bundled();
        return new dev.auscult.app.ScanService(catalog, "1.0.0", java.time.Clock.systemUTC())
                .replay(snapshot, policy, new PolicyRef("bundled default", policy.name())).report();
    }
}
