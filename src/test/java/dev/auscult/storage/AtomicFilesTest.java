package dev.auscult.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State files survive kill -9 in the middle of a write: old or new content, never a torn file. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    /** Rewrites its target forever with one of two large, self-checking contents. */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        String a = "A".repeat(4 << 20);
        String b = "B".repeat(4 << 20);
        for (int i = 0; ; i++) {
            AtomicFiles.write(target, i % 2 == 0 ? a : b);
        }
    }

    @Test
    void killMinus9MidWriteLeavesAWholeFile() throws Exception {
        Path target = dir.resolve("state.json");
        AtomicFiles.write(target, "A".repeat(4 << 20));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AtomicFilesTest.class.getName(), target.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(400 + round * 150L);
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            String content = Files.readString(target);
            assertEquals(4 << 20, content.length(), "torn file after kill -9");
            assertTrue(content.chars().distinct().count() == 1, "mixed content after kill -9");
        }
    }

    @Test
    void replacesContentAndLeavesNoTemporaryFiles() throws Exception {
        Path target = dir.resolve("sub/report.json");
        AtomicFiles.write(target, "one");
        AtomicFiles.write(target, "two");
        assertEquals("two", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }
}
