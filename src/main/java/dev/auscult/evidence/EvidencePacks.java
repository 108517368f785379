package dev.auscult.evidence;

import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Reading;
import dev.auscult.probe.Snapshot;
import dev.auscult.probe.SourceCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Builds an {@link EvidencePack} from a scan's report and the recording of what it read. */
public final class EvidencePacks {

    /** An excerpt keeps at most this many lines and characters of a source: enough to show the deciding lines. */
    static final int MAX_LINES = 60;
    static final int MAX_CHARS = 6_000;

    private final SourceCatalog sources;
    private final ControlCatalog controls;
    private final Optional<String> home;

    /** @param home the user's home directory, shown as "~" in excerpts (user names are not the organisation's evidence) */
    public EvidencePacks(SourceCatalog sources, ControlCatalog controls, Optional<String> home) {
        this.sources = sources;
        this.controls = controls;
        this.home = home.filter(h -> h.length() > 1);
    }

    /**
     * @param snapshotJson the recording as {@code SnapshotCodec.write} serialises it (its digest goes in the pack)
     * @param frameworks   the chosen framework keys ({@link ControlCatalog#FRAMEWORKS})
     */
    public EvidencePack build(String generatedBy, ScanReport report, Snapshot snapshot, String snapshotJson, Set<String> frameworks) {
        List<EvidencePack.Practice> practices = new ArrayList<>();
        Map<String, EvidencePack.Excerpt> excerpts = new TreeMap<>();
        for (PracticeResult r : report.practices()) {
            practices.add(new EvidencePack.Practice(r, controls.name(r.practice()),
                    controls.controls(r.practice(), snapshot.platform(), frameworks)));
            for (String id : r.observation().evidence()) {
                Reading reading = snapshot.sources().get(id);
                excerpts.computeIfAbsent(id, k -> excerpt(k, reading));
            }
        }
        List<ControlCatalog.Framework> chosen = controls.frameworks().stream().filter(f -> frameworks.contains(f.key())).toList();
        return new EvidencePack(generatedBy, report, snapshot.recordedAt().or(report::scannedAt), chosen,
                frameworks.contains("cis") ? controls.benchmark(snapshot.platform()) : Optional.empty(),
                practices, excerpts, digest(excerpts), sha256(snapshotJson));
    }

    private EvidencePack.Excerpt excerpt(String id, Reading reading) {
        if (reading == null) {
            return new EvidencePack.Excerpt(id, "not read", "", false, false);
        }
        String status = status(reading);
        if (sources.isPersonal(id)) {
            return new EvidencePack.Excerpt(id, status, "", true, false);
        }
        String text = reading.isOk() ? reading.text().orElse("") : reading.problem();
        if (home.isPresent()) {
            text = text.replace(home.get(), "~");
        }
        boolean truncated = false;
        String[] lines = text.split("\n", -1);
        if (lines.length > MAX_LINES) {
            text = String.join("\n", java.util.Arrays.copyOf(lines, MAX_LINES)) + "\n[… " + (lines.length - MAX_LINES) + " more lines]";
            truncated = true;
        }
        if (text.length() > MAX_CHARS) {
            text = text.substring(0, MAX_CHARS) + "\n[… " + (text.length() - MAX_CHARS) + " more characters]";
            truncated = true;
        }
        return new EvidencePack.Excerpt(id, status, text, false, truncated);
    }

    private static String status(Reading r) {
        return switch (r) {
            case Reading.CommandOutput c -> c.exitCode() == 0 ? "ok" : "ok, exit code " + c.exitCode();
            case Reading.Unavailable u -> u.status().key();
            default -> r.status() == ReadStatus.OK ? "ok" : r.status().key();
        };
    }

    /**
     * The pack's evidence digest: SHA-256 over every excerpt in source-ID order, each as its UTF-8 ID, status,
     * character count and text separated by newlines — so anyone can recompute it from the pack's JSON.
     */
    public static String digest(Map<String, EvidencePack.Excerpt> excerpts) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(excerpts).forEach((id, e) -> canonical.append(id).append('\n').append(e.withheld() ? "withheld" : e.status()).append('\n')
                .append(e.text().length()).append('\n').append(e.text()).append('\n'));
        return sha256(canonical.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
