package dev.auscult.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.Fixtures;
import dev.auscult.MainRunner;
import dev.auscult.app.EvidenceExport;
import dev.auscult.app.PolicySource;
import dev.auscult.cli.ExitCodes;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Recorded;
import dev.auscult.probe.SourceCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence pack (auscult export): mapping, deterministic JSON/CSV, a readable PDF, nothing personal. */
class EvidencePackTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private static final String MAC = "snapshots/darwin-sonoma-managed-macbook.json";

    @Test
    void everyPracticeSupportsAtLeastOneControlOfEveryFramework() {
        ControlCatalog catalog = ControlCatalog.bundled();
        for (PracticeId p : PracticeId.values()) {
            for (String framework : ControlCatalog.FRAMEWORKS) {
                assertFalse(catalog.controls(p, OsPlatform.LINUX, Set.of(framework)).isEmpty(), p.key() + " has no " + framework + " control");
            }
            assertFalse(catalog.name(p).equals(p.key()), p.key() + " has no name");
        }
        // identifiers look like their framework's, so a typo cannot slip into an audit document
        for (PracticeId p : PracticeId.values()) {
            for (ControlCatalog.Control c : catalog.controls(p, OsPlatform.DARWIN, Set.copyOf(ControlCatalog.FRAMEWORKS))) {
                String pattern = switch (c.framework()) {
                    case "cis" -> "(1[0-8]|[1-9])\\.\\d{1,2}";
                    case "iso27001" -> "[5-8]\\.\\d{1,2}";
                    case "soc2" -> "CC[1-9]\\.\\d";
                    default -> "\\d+(\\.\\d+)+";
                };
                assertTrue(c.id().matches(pattern), c + " does not look like a " + c.framework() + " identifier");
                assertFalse(c.why().isBlank(), c + " says not why");
            }
        }
    }

    @Test
    void aReplayedRecordingGivesTheSameJsonAndCsvByteForByte() throws Exception {
        String snapshot = Fixtures.path(MAC).toString();
        var jsonRun = MainRunner.run("export", "--replay", snapshot);
        assertEquals(ExitCodes.PASS, jsonRun.code(), jsonRun.err());
        assertEquals(Fixtures.text("evidence/darwin-sonoma-managed-macbook.pack.json"), jsonRun.out());
        var csvRun = MainRunner.run("export", "--format", "csv", "--replay", snapshot);
        assertEquals(Fixtures.text("evidence/darwin-sonoma-managed-macbook.pack.csv"), csvRun.out());
        assertTrue(csvRun.out().startsWith(String.join(",", EvidenceCsv.HEADER.stream().map(h -> "\"" + h + "\"").toList()) + "\r\n"));
    }

    @Test
    void theDigestsTieThePackToItsEvidenceAndTheRecordingReplaysToTheSameVerdicts() throws Exception {
        Path recording = dir.resolve("recording.json");
        var run = MainRunner.run("export", "--replay", Fixtures.path(MAC).toString(), "--snapshot", recording.toString());
        JsonNode pack = json.readTree(run.out());
        assertEquals(sha256(Files.readAllBytes(recording)), pack.get("snapshotSha256").asText());
        // the evidence digest is recomputable from the pack itself, as documented
        StringBuilder canonical = new StringBuilder();
        pack.get("sources").properties().forEach(e -> {
            String text = e.getValue().path("text").asText("");
            String status = e.getValue().has("withheld") ? "withheld" : e.getValue().get("status").asText();
            canonical.append(e.getKey()).append('\n').append(status).append('\n').append(text.length()).append('\n').append(text).append('\n');
        });
        assertEquals(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)), pack.get("evidenceSha256").asText());
        assertTrue(pack.get("replay").asText().contains(pack.get("snapshotSha256").asText()));
        // what the pack says: replaying the recording gives the same verdicts
        JsonNode replayed = json.readTree(MainRunner.run("scan", "--json", "--replay", recording.toString()).out());
        for (int i = 0; i < replayed.get("practices").size(); i++) {
            assertEquals(replayed.get("practices").get(i).get("verdict"), pack.get("practices").get(i).get("verdict"));
        }
    }

    @Test
    void thePdfOpensAndHasACoverAndEveryPractice() throws Exception {
        Path pdf = dir.resolve("pack.pdf");
        var run = MainRunner.run("export", "--format", "pdf", "--out", pdf.toString(), "--replay", Fixtures.path(MAC).toString());
        assertEquals(ExitCodes.PASS, run.code(), run.err());
        try (var doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            int pages = doc.getNumberOfPages();
            assertEquals(1 + PracticeId.values().length - 1, pages, "a cover and one page per reported practice");
            assertTrue(text.contains("Security evidence for Alice's MacBook Air"), text);
            assertTrue(text.contains("C02XK0AAJGH5"));
            for (String name : new String[] {"Operating system version", "Firewall", "Disk encryption", "Screen lock timeout", "Gatekeeper"}) {
                assertTrue(text.contains(name), name);
            }
            assertTrue(text.contains("Page 1 of " + pages) && text.contains("Page " + pages + " of " + pages));
            assertTrue(text.contains("FileVault is On."), "the raw evidence is in the PDF");
            assertTrue(text.contains("CIS Controls v8 3.6"));
            assertEquals("Security evidence: Alice's MacBook Air", doc.getDocumentInformation().getTitle());
        }
    }

    @Test
    void personalSourcesAreWithheldEverywhere() throws Exception {
        String packages = "openssh-server\t1:9.2p1-2\ntotally-private-game\t1.0\n";
        var recording = Recorded.on(OsPlatform.LINUX)
                .command("linux.dpkg_packages", 0, packages)
                .file("linux.os_release", "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n")
                .file("linux.mounts", "/dev/sdb1 /media/alice/PHOTOS vfat rw 0 0\n/dev/vda1 / ext4 rw 0 0\n")
                .snapshot();
        var loader = new PolicyLoader();
        var policy = loader.parse("test policy", "applications:\n  - name: openssh-server\n    assertion: ALWAYS\n  - name: nmap\n    assertion: NEVER\n", "test");
        EvidenceExport.Export export = new EvidenceExport(SourceCatalog.bundled(), "1.0.0", Clock.systemUTC(), Optional.of("/home/alice"))
                .replay(recording, new PolicySource.Choice(policy, new PolicyRef("test", policy.name())), Set.of("cis", "iso27001", "soc2"));
        EvidencePack pack = export.pack();
        assertTrue(pack.sources().get("linux.dpkg_packages").withheld());
        for (String written : new String[] {new EvidenceJson().write(pack), new EvidenceCsv().write(pack),
                new String(new EvidencePdf().write(pack), StandardCharsets.ISO_8859_1)}) {
            assertFalse(written.contains("totally-private-game"), "the inventory left the device");
            assertFalse(written.contains("/media/alice"), "mount points left the device");
        }
        // the per-application verdicts still say what the policy asked about
        assertTrue(new EvidenceJson().write(pack).contains("openssh-server"));
        // the whole recording keeps everything, for the user to share or not
        assertTrue(export.snapshotJson().contains("totally-private-game"));
    }

    @Test
    void choosingFrameworksAndBadRequestsAreClear() throws Exception {
        JsonNode iso = json.readTree(MainRunner.run("export", "--controls", "ISO27001", "--replay", Fixtures.path(MAC).toString()).out());
        iso.get("practices").forEach(p -> p.get("controls").forEach(c -> assertEquals("iso27001", c.get("framework").asText())));
        assertEquals(1, iso.get("frameworks").size());
        var bad = MainRunner.run("export", "--controls", "cis,nist", "--replay", Fixtures.path(MAC).toString());
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("'nist' is not a framework"), bad.err());
        var pdfToTerminal = MainRunner.run("export", "--format", "pdf");
        assertEquals(ExitCodes.USAGE, pdfToTerminal.code());
        assertTrue(pdfToTerminal.err().contains("needs --out"));
    }

    @Test
    void aFailureWithinItsGraceCarriesItsDatesIntoThePack() throws Exception {
        java.time.Instant since = java.time.Instant.parse("2026-12-01T09:00:00Z");
        var due = new dev.auscult.posture.Deadline(since, since.plus(java.time.Duration.ofDays(14)));
        var graced = dev.auscult.ui.ReportSamples.result(PracticeId.DISK_ENCRYPTION, dev.auscult.posture.Verdict.NUDGE, "not encrypted")
                .withDeadline(dev.auscult.posture.Verdict.NUDGE, due);
        var report = dev.auscult.ui.ReportSamples.report(OsPlatform.LINUX, graced);
        var recording = Recorded.on(OsPlatform.LINUX).snapshot();
        EvidencePack pack = new EvidencePacks(SourceCatalog.bundled(), ControlCatalog.bundled(), Optional.empty())
                .build("Auscult test", report, recording, "{}", Set.of("cis"));
        JsonNode practice = json.readTree(new EvidenceJson().write(pack)).get("practices").get(0);
        assertEquals("NUDGE", practice.get("verdict").asText());
        assertEquals("2026-12-15T09:00:00Z", practice.get("dueBy").asText());
        assertEquals("2026-12-01T09:00:00Z", practice.get("failingSince").asText());
        try (var doc = Loader.loadPDF(new EvidencePdf().write(pack))) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Due by") && text.contains("2026-12-15T09:00:00Z (within the policy's grace period)"), text);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
