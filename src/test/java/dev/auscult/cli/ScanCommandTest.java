package dev.auscult.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.Fixtures;
import dev.auscult.MainRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI through the real entry point: output, exit codes, record and replay. */
class ScanCommandTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void replayPrintsTheReportJsonAndExitsWithTheStatusCode() throws Exception {
        var run = MainRunner.run("scan", "--json", "--replay", Fixtures.path("snapshots/linux-ubuntu-20.04-kde-autolock-false.json").toString());
        JsonNode report = json.readTree(run.out());
        assertEquals("scan-report/1", report.get("format").asText());
        assertEquals("FAIL", report.get("status").asText());
        assertEquals(ExitCodes.FAIL, run.code());
        assertEquals("20.04", report.at("/device/osVersion").asText());
        JsonNode lock = report.get("practices").findParents("id").stream().filter(p -> p.get("id").asText().equals("screenLock")).findFirst().orElseThrow();
        assertEquals("OFF", lock.get("state").asText());
        assertTrue(lock.get("evidence").toString().contains("linux.kde_screenlocker"), lock.toString());
    }

    @Test
    void macAndWindowsSnapshotsReplayEndToEnd() throws Exception {
        JsonNode mac = json.readTree(MainRunner.run("scan", "--json", "--replay", Fixtures.path("snapshots/darwin-sonoma-managed-macbook.json").toString()).out());
        assertEquals("NUDGE", practice(mac, "automaticUpdates").get("verdict").asText());
        assertTrue(practice(mac, "automaticUpdates").get("partial").asBoolean());
        assertEquals(300, practice(mac, "screenIdle").get("value").asInt());
        assertEquals("Mac14,2", mac.at("/device/hardwareModel").asText());
        var winRun = MainRunner.run("scan", "--json", "--replay", Fixtures.path("snapshots/win11-23h2-corporate-laptop.json").toString());
        JsonNode win = json.readTree(winRun.out());
        assertEquals("FAIL", win.get("status").asText());
        assertEquals(ExitCodes.FAIL, winRun.code());
        assertEquals("off", practice(win, "firewall").at("/details/Public").asText());
        assertEquals("LT-ALICE", win.at("/device/deviceName").asText());
    }

    private static JsonNode practice(JsonNode report, String id) {
        for (JsonNode p : report.get("practices")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no practice " + id);
    }

    @Test
    void replayingTheSameSnapshotTwiceGivesIdenticalBytes() {
        String snapshot = Fixtures.path("snapshots/darwin-vm-sip-custom-fs-off.json").toString();
        assertEquals(MainRunner.run("scan", "--json", "--replay", snapshot).out(), MainRunner.run("scan", "--json", "--replay", snapshot).out());
    }

    @Test
    void aRecordedLiveScanReplaysToTheSameVerdicts() throws Exception {
        Path snap = dir.resolve("me.json");
        var live = MainRunner.run("scan", "--json", "--record", snap.toString());
        var replayed = MainRunner.run("scan", "--json", "--replay", snap.toString());
        JsonNode a = json.readTree(live.out());
        JsonNode b = json.readTree(replayed.out());
        assertEquals(a.get("status"), b.get("status"));
        assertEquals(a.get("practices"), b.get("practices"));
        assertEquals(a.get("device"), b.get("device"));
        assertEquals(live.code(), replayed.code());
        assertEquals("device-snapshot/1", json.readTree(Files.readString(snap)).get("format").asText());
        if (Files.isDirectory(Path.of("/etc/apt/apt.conf.d"))) {
            // the file-set and presence sources are recorded like any other and gave the same verdicts above
            JsonNode sources = json.readTree(Files.readString(snap)).get("sources");
            assertTrue(sources.get("linux.apt_conf_files").get("content").asText().startsWith("==> /etc/apt/apt.conf.d/"));
            assertTrue(sources.has("linux.dconf_user_db") || sources.has("linux.desktop_session"), sources.toString());
        }
    }

    @Test
    void aMalformedPolicyNamesFileLineAndKeyAndExitsWithFive() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "firewall: ALWAYS\nscreenIdle: \"<=soon\"\n");
        var run = MainRunner.run("scan", "--policy", policy.toString(), "--replay", Fixtures.path("snapshots/darwin-mojave-10.14.1-swvers.json").toString());
        assertEquals(ExitCodes.INVALID_INPUT, run.code());
        assertTrue(run.err().contains(policy + ":2:13: screenIdle: '<=soon' is not a version range"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aCorruptSnapshotIsAClearErrorNotACrash() throws Exception {
        Path snap = dir.resolve("bad.json");
        Files.writeString(snap, "{\"format\": \"device-snapshot/1\", \"platform\": \"beos\", \"sources\": {}}");
        var run = MainRunner.run("scan", "--replay", snap.toString());
        assertEquals(ExitCodes.INVALID_INPUT, run.code());
        assertTrue(run.err().contains("platform 'beos' is not one of darwin, win32, linux"), run.err());
        Files.writeString(snap, "{\"format\": \"device-snapshot/1\", ");
        assertTrue(MainRunner.run("scan", "--replay", snap.toString()).err().contains("not valid JSON"));
    }

    @Test
    void theTableShowsTheWorstFirst() {
        var run = MainRunner.run("scan", "--replay", Fixtures.path("snapshots/linux-ubuntu-20.04-kde-autolock-false.json").toString());
        String[] lines = run.out().split("\n");
        assertTrue(lines[3].contains("VERDICT") && lines[3].contains("PRACTICE"), run.out());
        assertTrue(lines[4].strip().startsWith("FAIL"), run.out());
        assertTrue(run.out().contains("Overall: FAIL"), run.out());
    }

    @Test
    void theTableSpeaksTheAskedLanguageButKeepsVerdictsKeysAndExitCodes() {
        String kde = Fixtures.path("snapshots/linux-ubuntu-20.04-kde-autolock-false.json").toString();
        var german = MainRunner.run("scan", "--locale", "de", "--replay", kde);
        String[] lines = german.out().split("\n");
        assertTrue(lines[1].startsWith("Richtlinie: "), german.out());
        assertTrue(lines[3].contains("ERGEBNIS") && lines[3].contains("PRÜFUNG") && lines[3].contains("BEFUND"), german.out());
        assertTrue(german.out().contains("KDE Plasma sperrt den Bildschirm nicht automatisch (Autolock=false)"), german.out());
        assertTrue(lines[4].strip().startsWith("FAIL") && german.out().contains("screenLock"), "verdicts and keys stay: " + german.out());
        assertTrue(german.out().contains("Gesamt: FAIL"), german.out());
        assertEquals(ExitCodes.FAIL, german.code());
        var japanese = MainRunner.run("--locale", "ja", "scan", "--replay", kde);
        assertTrue(japanese.out().contains("KDE Plasma は画面を自動でロックしません（Autolock=false）"), "--locale before the command too: " + japanese.out());
        var json = MainRunner.run("scan", "--locale", "de", "--json", "--replay", kde);
        assertTrue(json.out().contains("KDE Plasma does not lock the screen automatically (Autolock=false)"), "the report keeps English");
    }

    /** `auscult scan` on this machine judges with the policy the tray uses, not the bundled one behind its back. */
    @Test
    void aLiveScanUsesTheAgentsPolicyChain() throws Exception {
        String old = System.getProperty("auscult.home");
        System.setProperty("auscult.home", dir.toString());
        try {
            Path policy = Files.writeString(dir.resolve("team-policy.yaml"), "name: Team policy\nosVersion:\n  linux:\n    ok: \">=1.0.0\"\n");
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(dir.resolve("config/config.yaml"), "policyFile: " + policy + "\n");
            JsonNode live = json.readTree(MainRunner.run("scan", "--json").out());
            assertEquals("Team policy", live.at("/policy/name").asText(), live.at("/policy").toString());
            // a recording is judged the same wherever it is replayed: the bundled policy, whatever this machine's configuration
            JsonNode replayed = json.readTree(MainRunner.run("scan", "--json", "--replay",
                    Fixtures.path("snapshots/linux-ubuntu-20.04-kde-autolock-false.json").toString()).out());
            assertEquals("bundled default", replayed.at("/policy/source").asText(), replayed.at("/policy").toString());
        } finally {
            if (old == null) {
                System.clearProperty("auscult.home");
            } else {
                System.setProperty("auscult.home", old);
            }
        }
    }

    @Test
    void theConfigurationsLanguageAppliesWhenTheCommandLineAsksNone() throws Exception {
        String old = System.getProperty("auscult.home");
        System.setProperty("auscult.home", dir.toString());
        try {
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(dir.resolve("config/config.yaml"), "locale: fr\n");
            String kde = Fixtures.path("snapshots/linux-ubuntu-20.04-kde-autolock-false.json").toString();
            var french = MainRunner.run("scan", "--replay", kde);
            assertTrue(french.out().contains("Bilan : FAIL") && french.out().contains("KDE Plasma ne verrouille pas l'écran automatiquement"),
                    french.out());
            assertTrue(MainRunner.run("scan", "--locale", "en", "--replay", kde).out().contains("Overall: FAIL"), "--locale wins");
        } finally {
            if (old == null) {
                System.clearProperty("auscult.home");
            } else {
                System.setProperty("auscult.home", old);
            }
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(ExitCodes.USAGE, MainRunner.run("scan", "--bogus").code());
        assertEquals(ExitCodes.USAGE, MainRunner.run("scan", "--record", "a", "--replay", "b").code());
    }

    @Test
    void versionAndHelpWork() {
        var v = MainRunner.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("auscult "), v.out());
        assertTrue(MainRunner.run("scan", "--help").out().contains("--replay"));
    }

    @Test
    void theRetiredAgentsNameIntroducesItselfInHelp() {
        var run = dev.auscult.MainRunner.run("j1-endpoint-agent", "activate", "--help");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("Usage: j1-endpoint-agent activate"), run.out());
        assertTrue(dev.auscult.MainRunner.run("--help").out().contains("Usage: auscult"));
    }
}
