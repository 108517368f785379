package dev.auscult.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.Fixtures;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.probe.Snapshot;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.report.ReportJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public device snapshot replays to its expected answer, and replays byte-identically. */
class SnapshotReplayTest {

    private static final List<String> SNAPSHOTS = List.of(
            "darwin-mojave-10.14.1-swvers",
            "darwin-vm-sip-custom-fs-off",
            "linux-debian-11-unattended-upgrades-enabled",
            "linux-ubuntu-20.04-kde-autolock-false",
            "win-powercfg-videoidle-ac-never-dc-180",
            "win-server2022-defender-on-sig-age-2",
            "darwin-sonoma-managed-macbook",
            "win11-23h2-corporate-laptop");

    private final SourceCatalog catalog = SourceCatalog.bundled();
    private final ScanService service = new ScanService(catalog, "1.0.0", Clock.systemUTC());
    private final ObjectMapper json = new ObjectMapper();

    static Stream<String> snapshots() {
        return SNAPSHOTS.stream();
    }

    private ScanReport replay(String name) throws Exception {
        Snapshot s = new SnapshotCodec(catalog).read(Fixtures.path("snapshots/" + name + ".json"));
        return service.replay(s, new PolicyLoader().bundled(), new PolicyRef("bundled default", "Auscult default")).report();
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void replaysToTheExpectedStates(String name) throws Exception {
        ScanReport report = replay(name);
        JsonNode expected = json.readTree(Fixtures.text("snapshots/" + name + ".expected.json"));

        assertEquals(expected.get("platform").asText(), report.device().platform().key());
        JsonNode os = expected.get("osVersion");
        assertEquals(os.isNull() ? null : os.asText(), report.device().osVersion().orElse(null), "osVersion");

        List<String> mismatches = new ArrayList<>();
        expected.get("states").properties().forEach(e -> {
            String key = e.getKey();
            JsonNode want = e.getValue();
            JsonNode alsoOk = expected.path("alsoAcceptable").path(key);
            String got;
            if (key.equals("screenIdleSeconds")) {
                PracticeResult idle = report.practice(PracticeId.SCREEN_IDLE).orElseThrow();
                got = idle.observation().value().isPresent() ? String.valueOf(idle.observation().value().getAsLong()) : "null";
            } else {
                got = report.practice(PracticeId.fromKey(key).orElseThrow()).orElseThrow().observation().state().name();
            }
            List<String> acceptable = new ArrayList<>(List.of(want.isNull() ? "null" : want.asText()));
            alsoOk.forEach(a -> acceptable.add(a.asText()));
            if (!acceptable.contains(got)) {
                mismatches.add(key + ": got " + got + ", expected one of " + acceptable);
            }
        });
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void everyPracticeNamesItsEvidenceOrSaysItIsNotCheckedHere(String name) throws Exception {
        for (PracticeResult r : replay(name).practices()) {
            assertFalse(r.reason().isBlank(), r.practice() + " has no reason");
            boolean explainedWithoutEvidence = !r.observation().supported()
                    || r.practice() == PracticeId.AGENT_VERSION
                    || r.observation().state() == dev.auscult.posture.State.UNKNOWN;
            assertTrue(explainedWithoutEvidence || !r.observation().evidence().isEmpty(), r.practice() + " names no evidence");
        }
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void replayingTwiceGivesTheSameBytes(String name) throws Exception {
        ReportJson writer = new ReportJson();
        assertEquals(writer.write(replay(name)), writer.write(replay(name)));
    }
}
