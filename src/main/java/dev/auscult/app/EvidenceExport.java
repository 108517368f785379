package dev.auscult.app;

import dev.auscult.evidence.ControlCatalog;
import dev.auscult.evidence.EvidencePack;
import dev.auscult.evidence.EvidencePacks;
import dev.auscult.probe.Snapshot;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SourceCatalog;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An evidence pack of this device for auditors (the CLI's {@code export} and the window's "Export
 * evidence…"): a fresh scan, or a replayed recording, with the controls each practice supports.
 */
public final class EvidenceExport {

    /** The pack, and the whole recording it was built from (device-snapshot/1, personal sources included). */
    public record Export(EvidencePack pack, String snapshotJson) {
    }

    private final SourceCatalog catalog;
    private final ScanService scans;
    private final String agentVersion;
    private final EvidencePacks packs;

    public EvidenceExport(SourceCatalog catalog, String agentVersion, Clock clock, Optional<String> home) {
        this(catalog, new ScanService(catalog, agentVersion, clock), agentVersion, home);
    }

    /**
     * @param scans the agent's own scan service when exporting this device: its live scans apply the policy's
     *              grace periods from the device's failure history, so the pack says what the window and the
     *              organisation's backend say
     */
    public EvidenceExport(SourceCatalog catalog, ScanService scans, String agentVersion, Optional<String> home) {
        this.catalog = catalog;
        this.scans = scans;
        this.agentVersion = agentVersion;
        this.packs = new EvidencePacks(catalog, ControlCatalog.bundled(), home);
    }

    /** Scans this machine now with the given policy. */
    public Export live(PolicySource.Choice policy, Set<String> frameworks) {
        ScanService.Outcome o = scans.scanThisMachine(policy.policy(), policy.ref());
        Snapshot recording = new Snapshot(o.platform(),
                "recorded by auscult export" + o.report().device().deviceName().map(n -> " on " + n).orElse(""),
                "recorded by auscult " + agentVersion, o.report().scannedAt().map(t -> t.truncatedTo(ChronoUnit.SECONDS)), o.readings());
        return pack(o.report(), recording, frameworks);
    }

    /** Evaluates a recording instead of this machine: the same recording always gives the same pack. */
    public Export replay(Snapshot recording, PolicySource.Choice policy, Set<String> frameworks) {
        return pack(scans.replay(recording, policy.policy(), policy.ref()).report(), recording, frameworks);
    }

    private Export pack(dev.auscult.posture.ScanReport report, Snapshot recording, Set<String> frameworks) {
        String json = new SnapshotCodec(catalog).write(recording);
        return new Export(packs.build("Auscult " + agentVersion, report, recording, json, frameworks), json);
    }

    /**
     * The frameworks of a comma-separated list ("cis,iso27001,soc2"), in their documented order.
     *
     * @throws IllegalArgumentException naming what is not a framework
     */
    public static Set<String> frameworks(String list) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String key = raw.strip().toLowerCase(java.util.Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            if (!ControlCatalog.FRAMEWORKS.contains(key)) {
                throw new IllegalArgumentException("'" + raw.strip() + "' is not a framework (use " + String.join(", ", ControlCatalog.FRAMEWORKS) + ")");
            }
            chosen.add(key);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("name at least one framework: " + String.join(", ", ControlCatalog.FRAMEWORKS));
        }
        Set<String> ordered = new LinkedHashSet<>();
        ControlCatalog.FRAMEWORKS.stream().filter(chosen::contains).forEach(ordered::add);
        return ordered;
    }
}
