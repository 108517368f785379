package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Settings;
import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.OsPlatform;
import dev.auscult.server.service.AccountSettings;
import dev.auscult.server.service.RolloutKit;
import dev.auscult.sync.ActivationCsv;
import dev.auscult.sync.Activator;
import dev.auscult.sync.FileCredentialStore;
import dev.auscult.sync.SyncStateStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roll-out kit an MDM deploys: the managed configuration points the agent at this server, each person's agent
 * activates with their row of the kit's codes, the scripts parse, and the Debian configuration package is one dpkg
 * installs — root-owned, a conffile, depending on the agent. What an administrator typed never becomes a command.
 */
class RolloutKitTest {

    @TempDir
    Path dir;

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start("jdbc:sqlite:" + dir.resolve("auscult.db"), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\nbob@acme.example,Bob,ops\n", Actor.cli("acme", "test"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void settings(String name, String linuxDownload) {
        server.services.settings().save(new Account("acme"), new Settings(Optional.of(name), Optional.of("#0B5FFF"), Optional.empty(),
                Optional.empty(), Optional.of(linuxDownload.replace(".deb", ".msi")), Optional.of(linuxDownload), Optional.empty(),
                Optional.of(server.base().toString())), Actor.cli("acme", "test"));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName().replaceFirst("^auscult-rollout/", ""), in.readAllBytes());
            }
        }
        return files;
    }

    private static String run(Path cwd, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", argv));
        assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
        return out;
    }

    @Test
    void withoutAServerAddressThereIsNoKitToMake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.services.rollout().zip(new Account("acme"), RolloutKit.Codes.NONE, Actor.cli("acme", "test")));
        assertTrue(e.getMessage().contains("set the server address first"), e.getMessage());
    }

    @Test
    void theKitsConfigurationAndCodesActivateAnAgent() throws Exception {
        settings("Acme IT", "https://intranet.acme.example/auscult_amd64.deb");
        Map<String, byte[]> kit = unzip(server.services.rollout().zip(new Account("acme"), RolloutKit.Codes.EVERYONE, Actor.cli("acme", "admin")));
        assertTrue(kit.keySet().containsAll(List.of("README.txt", "config.yaml", "activation-codes.csv", "linux/install-linux.sh",
                "macos/install-macos.sh", "windows/install-windows.ps1")), kit.keySet().toString());
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(kit.get("config.yaml"));
        assertEquals(server.base().toString(), config.path("backendUrl").asText());
        assertEquals("acme", config.path("account").asText());
        assertEquals("/etc/auscult/activation-codes.csv", config.path("activationCsv").asText());
        assertEquals("Acme IT", config.path("organization").path("name").asText());

        // Alice's agent: her row of the kit's CSV (her login name "alice"), the kit's server address
        List<String> rows = new String(kit.get("activation-codes.csv"), StandardCharsets.UTF_8).lines().toList();
        ActivationCsv.Row alice = ActivationCsv.forUser(rows, "alice").orElseThrow();
        Path home = dir.resolve("alice");
        var record = new Activator(new SyncStateStore(home.resolve("config"), home.resolve("state")),
                new FileCredentialStore(home.resolve("config/credentials.json")), Clock.systemUTC(), "0.1.0", Map.of())
                .activate(URI.create(config.path("backendUrl").asText()), alice.email(), config.path("account").asText(), alice.code(),
                        new DeviceFacts(OsPlatform.LINUX, Optional.of("Ubuntu"), Optional.of("24.04"), Optional.empty(), Optional.of("ubuntu"), List.of(),
                                Optional.empty(), Optional.of("alice-laptop"), Optional.empty(), Optional.empty(),
                                dev.auscult.posture.Finding.plain("os-release"), List.of()), "uuid-alice", true);
        assertEquals("alice@acme.example", record.email());
        assertTrue(server.services.audit().recent(new Account("acme"), 20).stream().anyMatch(e -> e.action().equals("activations.export")
                || e.detail().contains("export")), "issuing the kit's codes is audited");
    }

    @Test
    void theScriptsParseAndTheConfigurationPackageIsOneDpkgInstalls() throws Exception {
        settings("Acme IT", "https://intranet.acme.example/auscult_amd64.deb");
        Map<String, byte[]> kit = unzip(server.services.rollout().zip(new Account("acme"), RolloutKit.Codes.WITHOUT_DEVICE, Actor.cli("acme", "admin")));
        for (String script : List.of("linux/install-linux.sh", "macos/install-macos.sh")) {
            Path file = Files.write(dir.resolve(Path.of(script).getFileName()), kit.get(script));
            run(dir, "sh", "-n", file.toString());
        }
        String deb = kit.keySet().stream().filter(n -> n.startsWith("linux/auscult-config-acme_") && n.endsWith("_all.deb")).findFirst().orElseThrow();
        Path debFile = Files.write(dir.resolve("config.deb"), kit.get(deb));
        String info = run(dir, "dpkg-deb", "--info", debFile.toString());
        assertTrue(info.contains("Package: auscult-config-acme") && info.contains("Depends: auscult") && info.contains("Architecture: all"), info);
        assertTrue(run(dir, "dpkg-deb", "--field", debFile.toString(), "Package").strip().equals("auscult-config-acme"));
        String contents = run(dir, "dpkg-deb", "--contents", debFile.toString());
        assertTrue(contents.lines().anyMatch(l -> l.startsWith("-rw-r--r-- root/root") && l.endsWith("./etc/auscult/config.yaml")), contents);
        assertTrue(contents.contains("./etc/auscult/activation-codes.csv"), contents);
        Path ctrl = dir.resolve("control");
        run(dir, "dpkg-deb", "--control", debFile.toString(), ctrl.toString());
        assertEquals("/etc/auscult/config.yaml", Files.readString(ctrl.resolve("conffiles")).strip());
        Path extracted = dir.resolve("root");
        run(dir, "dpkg-deb", "-x", debFile.toString(), extracted.toString());
        assertEquals(new String(kit.get("config.yaml"), StandardCharsets.UTF_8), Files.readString(extracted.resolve("etc/auscult/config.yaml")));
    }

    @Test
    void whatAnAdministratorTypedNeverBecomesACommand() throws Exception {
        settings("Acme\"; rm -rf / #$(reboot)`id`", "https://intranet.acme.example/a'b;$(reboot).deb");
        Map<String, byte[]> kit = unzip(server.services.rollout().zip(new Account("acme"), RolloutKit.Codes.NONE, Actor.cli("acme", "admin")));
        String linux = new String(kit.get("linux/install-linux.sh"), StandardCharsets.UTF_8);
        assertTrue(linux.contains("DOWNLOAD='https://intranet.acme.example/a'\\''b;$(reboot).deb'"), linux);
        assertFalse(linux.contains("$(reboot)`") || linux.contains("`id`"), "the name is reduced to plain words in a comment");
        String windows = new String(kit.get("windows/install-windows.ps1"), StandardCharsets.UTF_8);
        assertTrue(windows.contains("$Download = 'https://intranet.acme.example/a''b;$(reboot).msi'"), windows);
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(kit.get("config.yaml"));
        assertEquals("Acme\"; rm -rf / #$(reboot)`id`", config.path("organization").path("name").asText(), "kept exactly, as a quoted YAML value");
        assertFalse(kit.containsKey("activation-codes.csv"));
        Path file = Files.write(dir.resolve("install-linux.sh"), kit.get("linux/install-linux.sh"));
        run(dir, "sh", "-n", file.toString());
    }

    @Test
    void theConsoleHandsTheKitOutAsADownloadAndSaysWhatIsMissing() throws Exception {
        server.services.admins().create(new Account("acme"), "it@acme.example", "correct horse battery", "test");
        ConsoleSession console = ConsoleSession.signIn(server.base(), "it@acme.example", "correct horse battery");
        var missing = console.post("/console/rollout", Map.of("codes", "none"));
        assertEquals(422, missing.statusCode());
        assertTrue(missing.body().contains("set the server address first"), missing.body());
        settings("Acme IT", "https://intranet.acme.example/auscult_amd64.deb");
        var kit = Http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/console/rollout")).header("Cookie", console.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", server.base().toString().replaceAll("/$", ""))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("codes=without-device&_csrf=" + console.csrf())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, kit.statusCode());
        assertEquals("attachment; filename=\"auscult-rollout-acme.zip\"", kit.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("no-store", kit.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(unzip(kit.body()).containsKey("activation-codes.csv"));
        assertTrue(server.services.audit().recent(new Account("acme"), 5).stream().anyMatch(e -> e.action().equals("rollout.kit")));
    }
}
