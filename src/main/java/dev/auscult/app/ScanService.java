package dev.auscult.app;

import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyEvaluator;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.DeviceScan;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.LiveEvidence;
import dev.auscult.probe.Reading;
import dev.auscult.probe.Scanner;
import dev.auscult.probe.Snapshot;
import dev.auscult.probe.SnapshotEvidence;
import dev.auscult.probe.SourceCache;
import dev.auscult.probe.SourceCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** One scan from evidence to report: probes, then the policy. Live or from a snapshot. */
public final class ScanService {

    /** A finished scan and the raw readings behind it (what a recording stores). */
    public record Outcome(ScanReport report, OsPlatform platform, Map<String, Reading> readings) {
    }

    private final SourceCatalog catalog;
    private final String agentVersion;
    private final Clock clock;
    /** Slow sources (application inventories) survive between scans of this service. */
    private final SourceCache cache;

    /** Kept when this service scans for the agent itself: live scans then apply the policy's grace periods. */
    private final Optional<FailureHistory> failures;

    public ScanService(SourceCatalog catalog, String agentVersion, Clock clock) {
        this(catalog, agentVersion, clock, Optional.empty());
    }

    /** Kept when this service scans for the agent itself: live scans settle and tell of recent one-click fixes. */
    private final Optional<FixLog> fixes;

    public ScanService(SourceCatalog catalog, String agentVersion, Clock clock, Optional<FailureHistory> failures) {
        this(catalog, agentVersion, clock, failures, Optional.empty());
    }

    public ScanService(SourceCatalog catalog, String agentVersion, Clock clock, Optional<FailureHistory> failures, Optional<FixLog> fixes) {
        this.catalog = catalog;
        this.agentVersion = agentVersion;
        this.clock = clock;
        this.cache = new SourceCache(clock);
        this.failures = failures;
        this.fixes = fixes;
    }

    public Outcome scanThisMachine(Policy policy, PolicyRef policyRef) {
        OsPlatform platform = OsPlatform.fromOsName(System.getProperty("os.name", ""))
                .orElseThrow(() -> new IllegalStateException("Auscult does not support " + System.getProperty("os.name")));
        return scanLive(platform, LiveEvidence.forThisMachine(catalog, cache), policy, policyRef);
    }

    /** Probes this machine without applying a policy (the local API evaluates each request's own policy). */
    public DeviceScan probeThisMachine(boolean withInventory) {
        OsPlatform platform = OsPlatform.fromOsName(System.getProperty("os.name", ""))
                .orElseThrow(() -> new IllegalStateException("Auscult does not support " + System.getProperty("os.name")));
        return new Scanner(ProbeSets.forPlatform(platform), agentVersion).scan(LiveEvidence.forThisMachine(catalog, cache), withInventory);
    }

    /**
     * Only who this machine is (OS, identifiers, model), for activation: the device probe's handful of
     * sources, not every practice's.
     */
    public dev.auscult.posture.DeviceFacts describeThisMachine() {
        OsPlatform platform = OsPlatform.fromOsName(System.getProperty("os.name", ""))
                .orElseThrow(() -> new IllegalStateException("Auscult does not support " + System.getProperty("os.name")));
        dev.auscult.probe.DeviceProbe probe = ProbeSets.forPlatform(platform).device();
        dev.auscult.probe.Evidence evidence = LiveEvidence.forThisMachine(catalog, cache);
        evidence.prefetch(probe.sources().toArray(String[]::new));
        return probe.describe(evidence);
    }

    /** A live scan through the given gateway (tests pass one with their own timeouts and sources). */
    public Outcome scanLive(OsPlatform platform, Evidence evidence, Policy policy, PolicyRef policyRef) {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        DeviceScan scan = probe(platform, evidence, policy);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Outcome done = outcome(scan, platform, evidence, policy, policyRef, Optional.of(start), OptionalLong.of(millis), failures);
        if (fixes.isEmpty()) {
            return done;
        }
        // a fix whose programs ran before this scan began is judged by it, and this report already tells of it
        return new Outcome(done.report().withFixes(fixes.get().settle(done.report().practices(), start)), done.platform(), done.readings());
    }

    /** Deterministic: the report's time is the snapshot's recording time and no duration is given. */
    public Outcome replay(Snapshot snapshot, Policy policy, PolicyRef policyRef) {
        SnapshotEvidence evidence = new SnapshotEvidence(snapshot);
        DeviceScan scan = probe(snapshot.platform(), evidence, policy);
        // a replay never consults this device's failure history: the same recording always gives the same report
        return outcome(scan, snapshot.platform(), evidence, policy, policyRef, snapshot.recordedAt(), OptionalLong.empty(), Optional.empty());
    }

    private DeviceScan probe(OsPlatform platform, Evidence evidence, Policy policy) {
        return new Scanner(ProbeSets.forPlatform(platform), agentVersion).scan(evidence, policy.needsInventory());
    }

    private Outcome outcome(DeviceScan scan, OsPlatform platform, Evidence evidence, Policy policy, PolicyRef ref,
                            Optional<Instant> at, OptionalLong millis, Optional<FailureHistory> history) {
        List<PracticeResult> results = new PolicyEvaluator(agentVersion)
                .evaluate(policy, scan.device(), scan.observations(), scan.inventory());
        if (history.isPresent()) {
            Instant now = at.orElseGet(clock::instant);
            results = dev.auscult.policy.GraceRule.apply(policy.grace(), results, history.get().update(results, now), now);
        }
        ScanReport report = new ScanReport(agentVersion, at, millis, scan.device(), ref, PolicyEvaluator.overall(results), results);
        return new Outcome(report, platform, evidence.readings());
    }
}
