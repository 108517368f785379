package dev.auscult.probe;

import dev.auscult.posture.DeviceScan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.auscult.posture.Observation;
import dev.auscult.probe.darwin.MacProbes;
import dev.auscult.probe.linux.LinuxProbes;
import dev.auscult.probe.win32.WindowsProbes;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever text a source returns — garbage, truncated JSON, binary noise, empty — no probe
 * throws. (A throw would be caught by the scanner as "failed unexpectedly"; that must never be needed.)
 */
class ArbitraryEvidenceTest {

    private static final List<String> SEEDS = List.of("", "\r\n", "{", "[]", "null", "{\"blockdevices\": 7}",
            "{\"blockdevices\": [{\"children\": \"x\"}]}", "Id=\n\n\nLoadState", "ENABLED", "0x", "uint32",
            "System Integrity Protection status:", "[Daemon]\nTimeout=abc", "\uFEFF{\"productState\": \"x\"}",
            "   0: ZZZZ:QQQQ 00000000:0000 0A", "APT::Periodic::Unattended-Upgrade \"", "NAME=\"unterminated");

    @Test
    void noProbeThrowsOnArbitraryText() {
        Random random = new Random(20261126);
        SourceCatalog catalog = SourceCatalog.bundled();
        for (ProbeSet set : List.of(LinuxProbes.create(), MacProbes.create(), WindowsProbes.create())) {
            for (int round = 0; round < 300; round++) {
                Recorded r = Recorded.on(set.platform());
                for (String id : catalog.all().keySet()) {
                    String text = round % 3 == 0 ? SEEDS.get(random.nextInt(SEEDS.size())) : noise(random);
                    switch (catalog.require(id)) {
                        case SourceSpec.File f -> r.file(id, text);
                        case SourceSpec.Files f -> r.file(id, text);
                        case SourceSpec.Env e -> r.env(id, text);
                        default -> r.command(id, random.nextInt(3), text, noise(random));
                    }
                }
                DeviceScan scan = new Scanner(set, "1.0.0").scan(r.evidence(), true);
                for (Observation o : scan.observations()) {
                    assertFalse(o.reason().contains("failed unexpectedly"), set.platform() + " " + o.practice() + ": " + o.reason());
                }
                assertEquals(set.platform(), scan.device().platform());
            }
        }
    }

    private static String noise(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(200);
        String alphabet = "{}[]\":,=\t\n\r 0123456789abcdefABCDEF:./-_xXyes no true false on off uint32 ENABLED LISTEN 0A";
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
