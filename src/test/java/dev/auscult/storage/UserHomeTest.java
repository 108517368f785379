package dev.auscult.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Home is $HOME on Linux and macOS (as for every other program in the session), the profile on Windows. */
class UserHomeTest {

    @Test
    void homeFromTheEnvironmentWinsOverThePasswordDatabase() {
        assertEquals(Path.of("/tmp/sandbox"), UserHome.of(Map.of("HOME", "/tmp/sandbox"), "/home/alice", "Linux"));
        assertEquals(Path.of("/Users/alice2"), UserHome.of(Map.of("HOME", "/Users/alice2"), "/Users/alice", "Mac OS X"));
    }

    @Test
    void aMissingBlankOrRelativeHomeFallsBackToTheJvms() {
        assertEquals(Path.of("/home/alice"), UserHome.of(Map.of(), "/home/alice", "Linux"));
        assertEquals(Path.of("/home/alice"), UserHome.of(Map.of("HOME", " "), "/home/alice", "Linux"));
        assertEquals(Path.of("/home/alice"), UserHome.of(Map.of("HOME", "relative/dir"), "/home/alice", "Linux"));
    }

    @Test
    void windowsKeepsItsProfileFolder() {
        assertEquals(Path.of("C:\\Users\\alice"), UserHome.of(Map.of("HOME", "/c/msys/home"), "C:\\Users\\alice", "Windows 11"));
    }
}
