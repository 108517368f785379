package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 while reports are being queued: afterwards every queued report is whole, and none is lost twice. */
class OutboxCrashTest {

    @TempDir
    Path dir;

    /** Queues numbered reports as fast as it can until killed. */
    public static void main(String[] args) throws Exception {
        Outbox outbox = new Outbox(Path.of(args[0]), 100_000, Clock.systemUTC());
        String padding = "x".repeat(200_000);
        for (int i = 0; ; i++) {
            outbox.add("{\"n\": " + i + ", \"padding\": \"" + padding + "\"}");
        }
    }

    @Test
    void aKilledWriterLeavesOnlyWholeReports() throws Exception {
        Path box = dir.resolve("outbox");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OutboxCrashTest.class.getName(), box.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(1500);
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));

        // the next run, a while later: only temporary files old enough to be abandoned are removed
        Outbox outbox = new Outbox(box, 100_000, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
        outbox.cleanUp();
        List<Outbox.Entry> entries = outbox.entries();
        assertTrue(entries.size() > 3, "the writer ran: " + entries.size());
        ObjectMapper json = new ObjectMapper();
        int expected = 0;
        for (Outbox.Entry e : entries) {
            assertEquals(expected++, json.readTree(outbox.read(e).orElseThrow()).get("n").asInt(), "reports stay whole and in order");
        }
        try (var files = Files.list(box)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no half-written files remain");
        }
    }
}
