package dev.auscult.probe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchPathTest {

    @TempDir
    Path dir;

    private Path program(Path where, String name, String mode) throws Exception {
        Files.createDirectories(where);
        return Files.createFile(where.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
    }

    @Test
    void findsAnExecutableInAnyDirectoryOfThePath() throws Exception {
        program(dir.resolve("b"), "secret-tool", "rwxr-xr-x");
        SearchPath path = new SearchPath(dir.resolve("a") + File.pathSeparator + File.pathSeparator + dir.resolve("b"));
        assertTrue(path.finds("secret-tool"));
        assertFalse(path.finds("lsblk"));
    }

    @Test
    void aFileThatCannotBeRunDoesNotCount() throws Exception {
        program(dir, "secret-tool", "rw-r--r--");
        assertFalse(new SearchPath(dir.toString()).finds("secret-tool"));
    }

    @Test
    void aProgramGivenWithItsDirectoryIsCheckedWhereItIs() throws Exception {
        Path tool = program(dir.resolve("opt"), "tool", "rwx------");
        assertTrue(new SearchPath("").finds(tool.toString()));
        assertFalse(new SearchPath(dir.resolve("opt").toString()).finds(dir.resolve("elsewhere/tool").toString()));
    }

    @Test
    void anEnvironmentWithoutPathFindsNothing() throws Exception {
        program(dir, "secret-tool", "rwxr-xr-x");
        assertFalse(SearchPath.of(Map.of()).finds("secret-tool"));
        assertTrue(SearchPath.of(Map.of("PATH", dir.toString())).finds("secret-tool"));
    }
}
