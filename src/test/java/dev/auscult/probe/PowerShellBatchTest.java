package dev.auscult.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All PowerShell sources of a scan in one process, split back per source ID. */
class PowerShellBatchTest {

    @TempDir
    Path dir;

    private static final SourceSpec.PowerShell OS = new SourceSpec.PowerShell("win32.os", "Get-CimInstance Win32_OperatingSystem | ConvertTo-Json");
    private static final SourceSpec.PowerShell RDP = new SourceSpec.PowerShell("win32.rdp", "Get-ItemProperty 'HKLM:\\x' | ConvertTo-Json");
    private static final SourceSpec.PowerShell VOLS = new SourceSpec.PowerShell("win32.bitlocker_volumes", "Get-BitLockerVolume | ConvertTo-Json");

    @Test
    void theScriptWrapsEachSourceBetweenMarkers() {
        String script = PowerShellBatch.script(List.of(OS, RDP));
        assertTrue(script.contains("Write-Output '##auscult-begin win32.os'"));
        assertTrue(script.contains("Write-Output '##auscult-end win32.rdp'"));
        assertTrue(script.contains("Get-CimInstance Win32_OperatingSystem | ConvertTo-Json | Out-String"));
        assertTrue(script.indexOf("win32.os") < script.indexOf("win32.rdp"));
    }

    @Test
    void outputIsSplitPerSourceWithErrorsAndGaps() {
        String out = "##auscult-begin win32.os\r\n{\r\n    \"Caption\":  \"Microsoft Windows 11 Pro\"\r\n}\r\n##auscult-end win32.os\r\n"
                + "##auscult-begin win32.bitlocker_volumes\r\n##auscult-error Access denied. This operation requires elevation.\r\n##auscult-end win32.bitlocker_volumes\r\n";
        Map<String, Reading> r = PowerShellBatch.split(out, List.of("win32.os", "win32.bitlocker_volumes", "win32.rdp"));
        Reading.CommandOutput os = assertInstanceOf(Reading.CommandOutput.class, r.get("win32.os"));
        assertEquals("{\r\n    \"Caption\":  \"Microsoft Windows 11 Pro\"\r\n}\r\n", os.stdout());
        assertEquals(ReadStatus.DENIED, r.get("win32.bitlocker_volumes").status());
        assertEquals(ReadStatus.ERROR, r.get("win32.rdp").status());
    }

    @Test
    void oneProcessAnswersEverySourceOfTheScan() throws Exception {
        Path counter = dir.resolve("starts");
        Path fake = dir.resolve("fake-powershell");
        // Stands in for powershell.exe: finds the source IDs in the script it is given and answers each.
        Files.writeString(fake, """
                #!/bin/sh
                echo started >> '%s'
                for last; do :; done
                printf '%%s\\n' "$last" | sed -n "s/^Write-Output '##auscult-begin \\(.*\\)'$/\\1/p" | while read id; do
                  printf '##auscult-begin %%s\\r\\n{"id": "%%s"}\\r\\n##auscult-end %%s\\r\\n' "$id" "$id" "$id"
                done
                """.formatted(counter));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        SourceCatalog catalog = new SourceCatalog(Map.of(OS.id(), OS, RDP.id(), RDP, VOLS.id(), VOLS));
        LiveEvidence ev = new LiveEvidence(catalog, Duration.ofSeconds(10), 1 << 20, dir, k -> null,
                List.of(fake.toString(), "-Command"), Optional.empty());
        ev.prefetch(OS.id(), RDP.id(), VOLS.id());
        assertEquals("{\"id\": \"win32.rdp\"}\r\n", ev.read(RDP.id()).text().orElseThrow());
        assertEquals("{\"id\": \"win32.os\"}\r\n", ev.read(OS.id()).text().orElseThrow());
        assertEquals("{\"id\": \"win32.bitlocker_volumes\"}\r\n", ev.read(VOLS.id()).text().orElseThrow());
        assertEquals(List.of("started"), Files.readAllLines(counter));
        assertEquals(3, ev.readings().size(), "each source is recorded under its own ID");
    }

    @Test
    void withoutPowerShellEverySourceIsMissing() {
        SourceCatalog catalog = new SourceCatalog(Map.of(OS.id(), OS));
        LiveEvidence ev = new LiveEvidence(catalog, Duration.ofSeconds(5), 1 << 20, dir, k -> null,
                List.of("auscult-no-powershell-here", "-Command"), Optional.empty());
        Reading r = ev.read(OS.id());
        assertEquals(ReadStatus.MISSING, r.status());
        assertTrue(r.problem().startsWith("PowerShell is not installed"), r.problem());
    }
}
