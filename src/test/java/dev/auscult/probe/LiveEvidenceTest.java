package dev.auscult.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live gateway against real processes and real files. */
class LiveEvidenceTest {

    @TempDir
    Path dir;

    private LiveEvidence gateway(Map<String, SourceSpec> specs, Duration timeout, int cap) {
        return new LiveEvidence(new SourceCatalog(specs), timeout, cap, dir, Map.of("AUSCULT_TEST_VAR", "hello")::get);
    }

    private static SourceSpec.Command cmd(String id, String... argv) {
        return new SourceSpec.Command(id, List.of(argv));
    }

    @Test
    void aHungCommandTimesOutAndIsKilled() {
        LiveEvidence ev = gateway(Map.of("t.hang", cmd("t.hang", "sleep", "30")), Duration.ofMillis(300), 1024);
        long t0 = System.nanoTime();
        Reading r = ev.read("t.hang");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ReadStatus.TIMEOUT, r.status());
        assertTrue(r.problem().contains("timed out after 300 ms"), r.problem());
        assertTrue(ms < 5_000, "a 300 ms timeout took " + ms + " ms");
    }

    @Test
    void aMissingProgramIsMissing() {
        Reading r = gateway(Map.of("t.none", cmd("t.none", "auscult-no-such-program")), Duration.ofSeconds(5), 1024).read("t.none");
        assertEquals(ReadStatus.MISSING, r.status());
        assertTrue(r.problem().startsWith("auscult-no-such-program is not installed"));
    }

    @Test
    void commandsRunWithoutAShellInTheCLocale() {
        LiveEvidence ev = gateway(Map.of(
                "t.locale", cmd("t.locale", "sh", "-c", "echo $LANG/$LC_ALL"),
                "t.literal", cmd("t.literal", "echo", "$HOME;", "`id`")), Duration.ofSeconds(5), 1024);
        assertEquals("C/C\n", ev.read("t.locale").text().orElseThrow());
        assertEquals("$HOME; `id`\n", ev.read("t.literal").text().orElseThrow());
    }

    @Test
    void nonZeroExitCodesAreKeptWithTheirOutput() {
        Reading r = gateway(Map.of("t.exit", cmd("t.exit", "sh", "-c", "echo inactive; exit 3")), Duration.ofSeconds(5), 1024).read("t.exit");
        Reading.CommandOutput c = assertInstanceOf(Reading.CommandOutput.class, r);
        assertEquals(3, c.exitCode());
        assertEquals("inactive\n", c.stdout());
    }

    @Test
    void oversizedOutputIsRejectedNotTruncatedSilently() {
        Reading r = gateway(Map.of("t.big", cmd("t.big", "head", "-c", "100000", "/dev/zero")), Duration.ofSeconds(5), 1000).read("t.big");
        assertEquals(ReadStatus.ERROR, r.status());
        assertTrue(r.problem().contains("more than 1000 bytes"));
    }

    @Test
    void eachSourceIsReadOnceEvenWhenAskedConcurrently() throws Exception {
        Path counter = dir.resolve("runs");
        LiveEvidence ev = gateway(Map.of("t.once", cmd("t.once", "sh", "-c", "echo run >> '" + counter + "'; sleep 0.2; echo ok")),
                Duration.ofSeconds(5), 1024);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Reading>> all = java.util.stream.IntStream.range(0, 20).mapToObj(i -> pool.submit(() -> ev.read("t.once"))).toList();
            for (Future<Reading> f : all) {
                assertEquals("ok\n", f.get().text().orElseThrow());
            }
        }
        assertEquals(List.of("run"), Files.readAllLines(counter));
        assertEquals(List.of("t.once"), List.copyOf(ev.readings().keySet()));
    }

    @Test
    void filesUseTheirFallbackAndHomeRelativePaths() throws IOException {
        Files.writeString(dir.resolve("fallback.txt"), "from fallback");
        Files.createDirectories(dir.resolve(".config"));
        Files.writeString(dir.resolve(".config/app.rc"), "[Daemon]\n");
        LiveEvidence ev = gateway(Map.of(
                "t.fb", new SourceSpec.File("t.fb", dir.resolve("absent.txt").toString(), Optional.of(dir.resolve("fallback.txt").toString())),
                "t.home", new SourceSpec.File("t.home", "~/.config/app.rc", Optional.empty()),
                "t.gone", new SourceSpec.File("t.gone", dir.resolve("nope").toString(), Optional.empty())), Duration.ofSeconds(5), 1024);
        assertEquals("from fallback", ev.read("t.fb").text().orElseThrow());
        assertEquals("[Daemon]\n", ev.read("t.home").text().orElseThrow());
        assertEquals(ReadStatus.MISSING, ev.read("t.gone").status());
    }

    @Test
    void environmentVariablesAreReadThroughTheGatewayToo() {
        LiveEvidence ev = gateway(Map.of("t.env", new SourceSpec.Env("t.env", "AUSCULT_TEST_VAR"),
                "t.unset", new SourceSpec.Env("t.unset", "AUSCULT_UNSET_VAR")), Duration.ofSeconds(5), 1024);
        assertEquals("hello", ev.read("t.env").text().orElseThrow());
        assertEquals(ReadStatus.MISSING, ev.read("t.unset").status());
    }

    @Test
    void aHungSourceDoesNotDelayTheOthers() throws Exception {
        LiveEvidence ev = gateway(Map.of("t.hang", cmd("t.hang", "sleep", "30"), "t.quick", cmd("t.quick", "echo", "fast")),
                Duration.ofSeconds(20), 1024);
        ev.prefetch("t.hang", "t.quick");
        long t0 = System.nanoTime();
        assertEquals("fast\n", ev.read("t.quick").text().orElseThrow());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "the quick source waited for the hung one");
    }
}
