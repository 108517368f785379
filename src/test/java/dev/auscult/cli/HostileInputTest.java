package dev.auscult.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.Fixtures;
import dev.auscult.MainRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files an attacker or an accident hands the CLI: each gets exit 5 and a located message in words,
 * never an out-of-memory trace, a NullPointerException, or the FAIL exit code; and nothing the device
 * reports can drive the user's terminal.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private String snapshot() throws Exception {
        return Fixtures.text("snapshots/linux-debian-11-unattended-upgrades-enabled.json");
    }

    @Test
    void anEndlessPolicyFileIsRefusedWithoutReadingItAll() {
        if (!Files.exists(Path.of("/dev/zero"))) {
            return; // Windows: no /dev/zero; the bounded read is exercised by the next test's large file
        }
        var run = MainRunner.run("scan", "--policy", "/dev/zero");
        assertEquals(ExitCodes.INVALID_INPUT, run.code(), run.err());
        assertTrue(run.err().contains("larger than 1 MiB"), run.err());
    }

    @Test
    void binaryAndLatin1PoliciesSayWhereTheyStopBeingText() throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "name: Sécurité\nfirewall: ALWAYS\n".getBytes(StandardCharsets.ISO_8859_1));
        var run = MainRunner.run("scan", "--policy", latin1.toString());
        assertEquals(ExitCodes.INVALID_INPUT, run.code());
        assertTrue(run.err().contains("latin1.yaml:1:8: not UTF-8 text"), run.err());
        assertFalse(run.err().contains("Input length"), run.err());
    }

    @Test
    void yamlAliasesAreRefusedInsteadOfReadAsTheAnchorsName() throws Exception {
        Path alias = dir.resolve("alias.yaml");
        Files.writeString(alias, "firewall: &req ALWAYS\ndiskEncryption: *req\n");
        var run = MainRunner.run("scan", "--policy", alias.toString());
        assertEquals(ExitCodes.INVALID_INPUT, run.code(), run.out());
        assertTrue(run.err().contains("alias.yaml:2:17: YAML aliases (*req) are not supported"), run.err());
    }

    @Test
    void deeplyNestedAndHugeSnapshotsAreInvalidInputNotCrashes() throws Exception {
        Path deep = dir.resolve("deep.json");
        Files.writeString(deep, "{\"format\": \"device-snapshot/1\", \"platform\": \"linux\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}");
        var d = MainRunner.run("scan", "--replay", deep.toString());
        assertEquals(ExitCodes.INVALID_INPUT, d.code(), d.err());
        assertTrue(d.err().contains("deep.json") && d.err().contains("not valid JSON"), d.err());
        Path huge = dir.resolve("huge.json");
        Files.writeString(huge, "{\"format\": \"device-snapshot/1\", \"platform\": \"linux\", \"label\": \"" + "a".repeat(30_000_000) + "\"}");
        var h = MainRunner.run("scan", "--replay", huge.toString());
        assertEquals(ExitCodes.INVALID_INPUT, h.code(), h.err());
        assertFalse(h.err().contains("NullPointerException"), h.err());
    }

    @Test
    void terminalEscapesFromTheDeviceArePrintedInert() throws Exception {
        // an os-release NAME carrying OSC (retitle the terminal), ESC [2J (clear screen), a C1 CSI and a bidi override
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(snapshot());
        var osRelease = (com.fasterxml.jackson.databind.node.ObjectNode) root.path("sources").path("linux.os_release");
        osRelease.put("content", osRelease.path("content").asText()
                .replace("NAME=\"Debian GNU/Linux\"", "NAME=\"\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eDebian\""));
        Path file = dir.resolve("hostile.json");
        Files.writeString(file, mapper.writeValueAsString(root));
        var table = MainRunner.run("scan", "--replay", file.toString());
        var json = MainRunner.run("scan", "--json", "--replay", file.toString());
        for (String out : new String[] {table.out(), json.out()}) {
            assertFalse(out.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b || c == 0x202e), out);
        }
        assertTrue(table.out().contains("\\u001b]0;pwned"), table.out());
    }
}
