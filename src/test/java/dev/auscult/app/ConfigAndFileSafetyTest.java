package dev.auscult.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.storage.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config.yaml mistakes are named instead of silently ignored; the agent's files are private to their
 * user; a managed configuration counts only when an administrator could have written it; and a long
 * home directory cannot break the single-instance socket.
 */
class ConfigAndFileSafetyTest {

    @TempDir
    Path dir;

    private AppPaths paths() {
        return new AppPaths(dir.resolve("user"), dir.resolve("state"), dir.resolve("managed"));
    }

    @Test
    void misspeltKeysAndWrongTypesAreNamed() throws Exception {
        AppPaths p = paths();
        Files.createDirectories(p.configDir());
        Files.writeString(p.configDir().resolve("config.yaml"), """
                allowHost: ["https://portal.example.com"]
                hostLabels: "https://sso.example.com"
                rescanIntervalSeconds: hourly
                testHosts: []
                """);
        AgentConfig c = AgentConfig.load(p, ManagedFileTrust.anyOwner());
        List<String> w = c.warnings();
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).contains("unknown key 'allowHost' ignored (did you mean allowHosts?)"), w.toString());
        assertTrue(w.get(1).contains("'hostLabels' must be a list"), w.toString());
        assertTrue(w.get(2).contains("'rescanIntervalSeconds' must be a number"), w.toString());
        assertTrue(c.localApi().origins().isEmpty());
    }

    @Test
    void onlyAnAdministratorDecidesForTheFleetWhetherTheIconHidesWhileAllIsFine() throws Exception {
        AppPaths p = paths();
        Files.createDirectories(p.configDir());
        Files.createDirectories(p.managedDir());
        Files.writeString(p.configDir().resolve("config.yaml"), "hideIconWhileFine: true\n");
        assertTrue(AgentConfig.load(p, ManagedFileTrust.anyOwner()).hideIconWhileFine().isEmpty(), "the user's own choice is the tray toggle");
        Files.writeString(p.managedDir().resolve("config.yaml"), "hideIconWhileFine: true\n");
        assertEquals(java.util.Optional.of(true), AgentConfig.load(p, ManagedFileTrust.anyOwner()).hideIconWhileFine());
        Files.writeString(p.managedDir().resolve("config.yaml"), "hideIconWhileFine: sometimes\n");
        AgentConfig wrong = AgentConfig.load(p, ManagedFileTrust.anyOwner());
        assertTrue(wrong.hideIconWhileFine().isEmpty());
        assertTrue(wrong.warnings().stream().anyMatch(w -> w.contains("'hideIconWhileFine' must be true or false")), wrong.warnings().toString());
    }

    @Test
    void aPlainHttpBackendOnAnotherHostIsRefusedAloud() throws Exception {
        AppPaths p = paths();
        Files.createDirectories(p.managedDir());
        Files.writeString(p.managedDir().resolve("config.yaml"), "backendUrl: http://auscult.example.com/graphql\n");
        AgentConfig c = AgentConfig.load(p, ManagedFileTrust.anyOwner());
        assertTrue(c.backendUrl().isEmpty());
        assertTrue(c.warnings().getFirst().contains("must use https"), c.warnings().toString());
    }

    @Test
    void aManagedConfigurationAnotherUserCouldWriteIsIgnored() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        AppPaths p = paths();
        Files.createDirectories(p.managedDir());
        Path file = p.managedDir().resolve("config.yaml");
        Files.writeString(file, "account: \"acme\"\nownerEmail: \"mallory@example.com\"\nactivationCode: \"X1\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        boolean root = "root".equals(Files.getOwner(file).getName());
        AgentConfig c = AgentConfig.load(p, ManagedFileTrust.forThisSystem());
        // owned by a non-root user, or (as root) writable by everyone: either way not an administrator's file
        assertTrue(c.managedActivation().code().isEmpty(), "an untrusted file must not activate the device");
        assertTrue(c.warnings().getFirst().contains("is ignored"), c.warnings().toString());
        assertTrue(c.warnings().getFirst().contains(root ? "writable by users other than root" : "not root"), c.warnings().toString());
    }

    @Test
    void stateDirectoriesAndFilesArePrivate() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path outbox = dir.resolve("state/outbox");
        AtomicFiles.write(outbox.resolve("r.json"), "{}");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox.resolve("r.json"))));
        Logging.toFiles(dir.resolve("state/logs"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/logs"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/logs/auscult-0.log"))));
    }

    @Test
    void aLongHomeDirectoryStillGetsAUsableInstanceSocket() throws Exception {
        Path deep = dir.resolve("a".repeat(60)).resolve("b".repeat(60));
        AppPaths p = new AppPaths(deep.resolve("config"), deep.resolve("state"), deep.resolve("managed"));
        Path socket = p.instanceSocket();
        assertTrue(socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= AppPaths.MAX_SOCKET_PATH_BYTES, socket.toString());
        var first = SingleInstance.claim(socket, "show", m -> { });
        try {
            assertTrue(first.isPresent());
            assertTrue(SingleInstance.claim(socket, "show", m -> { }).isEmpty(), "a second launch finds the first");
        } finally {
            first.get().close();
        }
    }
}
