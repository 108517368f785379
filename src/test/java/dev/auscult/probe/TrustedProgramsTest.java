package dev.auscult.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs come from the system's directories only: a hostile PATH changes no verdict and receives no secret. */
class TrustedProgramsTest {

    @TempDir
    Path dir;

    private Path script(Path where, String name, String body) throws Exception {
        Files.createDirectories(where);
        Path p = where.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void programsAreRunFromTheTrustedDirectoriesWithTheirPathOnly() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path trusted = dir.resolve("trusted");
        script(trusted, "tool", "echo \"real $PATH\"");
        script(dir.resolve("elsewhere"), "other", "echo other");
        ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(10), 4096, new TrustedPrograms(List.of(trusted)));
        Reading r = runner.run("t", List.of("tool"));
        assertEquals("real " + trusted, ((Reading.CommandOutput) r).stdout().strip());
        assertEquals(java.util.Optional.of(trusted.resolve("tool").toString()), ((Reading.CommandOutput) r).program(),
                "the evidence records which binary answered");
        Reading missing = runner.run("t", List.of("other"));
        assertInstanceOf(Reading.Unavailable.class, missing);
        assertTrue(missing.problem().contains("is not installed (looked in " + trusted + ")"), missing.problem());
        // a secret is handed over on stdin, never as an argument
        script(trusted, "keep", "read secret; echo \"got ${#secret} chars\"");
        assertEquals("got 6 chars", ((Reading.CommandOutput) runner.run("t", List.of("keep"), "s3cr3t\n")).stdout().strip());
    }

    @Test
    void aHostilePathChangesNoVerdict() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        // fakes that would make any device look encrypted, firewalled and locked
        Path fake = dir.resolve("fake-bin");
        script(fake, "lsblk", "echo '{\"blockdevices\":[{\"name\":\"vda\",\"type\":\"disk\",\"children\":[{\"name\":\"luks\",\"type\":\"crypt\",\"mountpoints\":[\"/\"]}]}]}'");
        script(fake, "systemctl", "printf 'Id=ufw.service\\nLoadState=loaded\\nActiveState=active\\nUnitFileState=enabled\\n\\nId=firewalld.service\\nLoadState=loaded\\nActiveState=active\\nUnitFileState=enabled\\n'");
        script(fake, "gsettings", "echo true");
        JsonNode honest = scan(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        JsonNode hostile = scan(fake + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        for (int i = 0; i < honest.path("practices").size(); i++) {
            JsonNode a = honest.path("practices").get(i);
            JsonNode b = hostile.path("practices").get(i);
            assertEquals(a.path("id").asText() + " " + a.path("state").asText(), b.path("id").asText() + " " + b.path("state").asText(),
                    "the fake programs on PATH were not run");
        }
    }

    private static JsonNode scan(String path) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.auscult.Main", "scan", "--json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", path);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new ObjectMapper().readTree(out);
    }

    @Test
    void eachSystemHasItsOwnDirectories() {
        assertEquals(Path.of("/usr/bin"), TrustedPrograms.forSystem("Linux", Map.of()).directories().getFirst());
        assertTrue(TrustedPrograms.forSystem("Mac OS X", Map.of()).directories().contains(Path.of("/usr/libexec")));
        assertTrue(TrustedPrograms.forSystem("Windows 11", Map.of("SystemRoot", "D:\\Win")).directories().getFirst().toString().startsWith("D:"));
    }
}
