package dev.auscult.app;

import dev.auscult.config.AppPaths;
import dev.auscult.config.ManagedFileTrust;
import dev.auscult.config.AgentConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.PracticeId;
import dev.auscult.posture.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings, verdict memory and config: round trips, corrupt files, managed-over-user precedence. */
class LocalStateFilesTest {

    @TempDir
    Path dir;

    @Test
    void settingsRoundTrip() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        assertEquals(UserSettings.defaults(), store.load());
        UserSettings s = UserSettings.defaults().withLaunchAtLogin(false).snoozedUntil(Instant.parse("2026-11-27T10:00:00Z"))
                .withHideIconWhileFine(true);
        store.save(s);
        assertEquals(s, store.load());
    }

    @Test
    void settingsWrittenBeforeAnOptionExistedKeepItsDefault() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("settings.json"), "{\"launchAtLogin\": false}");
        UserSettings s = new SettingsStore(dir.resolve("settings.json")).load();
        assertEquals(false, s.launchAtLogin());
        assertEquals(false, s.hideIconWhileFine(), "the icon shows unless the user hid it");
    }

    @Test
    void aCorruptSettingsFileIsKeptAsideAndDefaultsApply() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"launchAtLogin\": fal");
        assertEquals(UserSettings.defaults(), new SettingsStore(file).load());
        assertEquals("{\"launchAtLogin\": fal", Files.readString(dir.resolve("settings.json.corrupt")));
        Files.writeString(file, "{\"snoozedUntil\": \"tomorrow\"}");
        assertEquals(UserSettings.defaults(), new SettingsStore(file).load());
    }

    @Test
    void verdictMemoryRoundTripsAndForgivesGarbage() throws Exception {
        VerdictMemory memory = new VerdictMemory(dir.resolve("v.json"));
        assertTrue(memory.load().isEmpty());
        memory.save(Map.of(PracticeId.FIREWALL, Verdict.FAIL, PracticeId.OS_VERSION, Verdict.PASS));
        assertEquals(Map.of(PracticeId.FIREWALL, Verdict.FAIL, PracticeId.OS_VERSION, Verdict.PASS), memory.load());
        Files.writeString(dir.resolve("v.json"), "{\"firewall\": \"MAYBE\", \"nosuch\": \"PASS\", \"diskEncryption\": \"FAIL\"");
        assertTrue(memory.load().isEmpty());
        Files.writeString(dir.resolve("v.json"), "{\"firewall\": \"MAYBE\", \"nosuch\": \"PASS\", \"diskEncryption\": \"FAIL\"}");
        assertEquals(Map.of(PracticeId.DISK_ENCRYPTION, Verdict.FAIL), memory.load());
    }

    @Test
    void managedConfigurationWinsAndIntervalsHaveAFloor() throws Exception {
        AppPaths paths = new AppPaths(dir.resolve("user"), dir.resolve("state"), dir.resolve("managed"));
        Files.createDirectories(paths.configDir());
        Files.createDirectories(paths.managedDir());
        Files.writeString(paths.configDir().resolve("config.yaml"), """
                menu:
                  help:
                    - {label: Mine, link: "https://mine.example"}
                rescanIntervalSeconds: 60
                policyFile: /home/me/policy.yaml
                """);
        Files.writeString(paths.managedDir().resolve("config.yaml"), """
                menu:
                  help:
                    - {label: IT helpdesk, link: "mailto:it@example.com"}
                """);
        AgentConfig c = AgentConfig.load(paths, ManagedFileTrust.anyOwner());
        assertEquals("IT helpdesk", c.helpLinks().getFirst().label());
        assertEquals(Duration.ofMinutes(5), c.rescanInterval());
        assertEquals(Optional.of(Path.of("/home/me/policy.yaml")), c.policyFile());
    }

    @Test
    void aBrokenConfigIsIgnored() throws Exception {
        AppPaths paths = new AppPaths(dir.resolve("user"), dir.resolve("state"), dir.resolve("managed"));
        Files.createDirectories(paths.configDir());
        Files.writeString(paths.configDir().resolve("config.yaml"), "menu: [unclosed\n");
        AgentConfig c = AgentConfig.load(paths, ManagedFileTrust.anyOwner());
        assertEquals(AgentConfig.defaults().localApi(), c.localApi());
        assertEquals(AgentConfig.defaults().helpLinks(), c.helpLinks());
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().getFirst().contains("config.yaml could not be read and is ignored"), c.warnings().toString());
    }

    @Test
    void xdgDirectoriesAreHonoured() {
        AppPaths p = AppPaths.forCurrentUser(dev.auscult.posture.OsPlatform.LINUX,
                Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_STATE_HOME", "relative/ignored"), Path.of("/home/u"));
        assertEquals(Path.of("/cfg/auscult"), p.configDir());
        assertEquals(Path.of("/home/u/.local/state/auscult"), p.stateDir());
        assertEquals(Path.of("/etc/auscult"), p.managedDir());
    }
}
