package dev.auscult.app;

import dev.auscult.config.AppPaths;
import dev.auscult.config.ManagedFileTrust;
import dev.auscult.config.AgentConfig;
import dev.auscult.platform.SingleInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.storage.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
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

    /** A root-owned file in a directory others may write, reached through a link in a trusted place: still anyone's file. */
    @Test
    void aLinkedManagedConfigurationIsJudgedByWhereItReallyIs() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "root-owned files can only be made as root");
        Path trusted = Files.createDirectories(dir.resolve("etc/auscult"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        chmod("755", dir, dir.resolve("etc"), trusted);
        Path real = Files.writeString(shared.resolve("config.yaml"), "account: \"acme\"\n");
        chmod("644", real);
        Path link = Files.createSymbolicLink(trusted.resolve("config.yaml"), real);

        chmod("777", shared); // world-writable, no sticky bit: anyone can replace the file
        Optional<String> problem = ManagedFileTrust.forThisSystem().problem(link);
        assertTrue(problem.orElse("").contains(shared + " is writable by users other than root"), problem.toString());
        assertTrue(problem.orElse("").contains("reached through " + link), problem.toString());

        chmod("1777", shared); // the sticky bit, read from the mode: only root may replace root's file there
        assertEquals(Optional.empty(), ManagedFileTrust.forThisSystem().problem(link));

        // a directory is not trusted for being called /tmp, nor distrusted: only its mode counts
        Path tmpLike = Files.createDirectories(dir.resolve("tmp"));
        Path inTmpLike = Files.writeString(tmpLike.resolve("config.yaml"), "account: \"acme\"\n");
        chmod("644", inTmpLike);
        chmod("777", tmpLike);
        assertTrue(ManagedFileTrust.forThisSystem().problem(inTmpLike).orElse("").contains(tmpLike + " is writable"));
    }

    private static void chmod(String mode, Path... paths) throws Exception {
        for (Path p : paths) {
            Process chmod = new ProcessBuilder("chmod", mode, p.toString()).redirectErrorStream(true).start();
            assertEquals(0, chmod.waitFor(), new String(chmod.getInputStream().readAllBytes()));
        }
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
