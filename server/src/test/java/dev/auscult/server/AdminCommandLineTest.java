package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** `auscult-server admin …` as an administrator meets it: what devices send cannot drive the terminal, and mistakes get clear words and exit codes. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class AdminCommandLineTest {

    /** A hostname that would retitle the terminal, recolour it, and forge an audit line. */
    private static final String HOSTILE = "laptop\u001b]0;owned\u0007\u001b[31m\r\n2026-12-06T00:00:00Z  cli:root  account.delete  everything";

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        url = server.services.config().databaseUrl().orElseThrow();
        server.services.accounts().create("acme", "Acme", "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AdminCli.Run admin(String... args) {
        return AdminCli.on(url).run(args);
    }

    private static void assertNoControlCharacters(String text) {
        for (String line : text.split("\n", -1)) {
            assertTrue(line.chars().noneMatch(c -> c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f), "a raw control character in: " + line);
            assertFalse(line.startsWith("2026-12-06T00:00:00Z"), "a forged line: " + line);
        }
    }

    @Test
    void whatADeviceSendsCannotDriveTheTerminal() throws Exception {
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        Map<String, Object> activation = Map.of("input", Map.of("accountId", "acme", "email", "alice@acme.example", "code", code, "deviceUuid", "u1",
                "agentVersion", "0.1.0", "device", Map.of("platform", "linux", "hostname", HOSTILE)));
        String device = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, activation, Map.of())).at("/data/activateDevice/deviceId").asText();
        AdminCli.Run list = admin("list-devices", "--account", "acme");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("laptop\\u001b]0;owned\\u0007"), list.out());
        assertNoControlCharacters(list.out());
        AdminCli.Run show = admin("show-device", "--account", "acme", device);
        assertNoControlCharacters(show.out());
        AdminCli.Run audit = admin("audit", "--account", "acme");
        assertTrue(audit.out().contains("\\u000d\\n2026-12-06T00:00:00Z"), "the forged line shows as one escaped value: " + audit.out());
        assertNoControlCharacters(audit.out());
    }

    private String activate(String email, String hostname) throws Exception {
        String code = server.services.codes().issue(new Account("acme"), email).code();
        Map<String, Object> activation = Map.of("input", Map.of("accountId", "acme", "email", email, "code", code, "deviceUuid", "u-" + hostname,
                "agentVersion", "0.1.0", "device", Map.of("platform", "linux", "hostname", hostname)));
        return Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, activation, Map.of())).at("/data/activateDevice/deviceId").asText();
    }

    @Test
    void listDevicesIsTheConsolesTableOnTheCommandLine() throws Exception {
        activate("zoe@acme.example", "zoe-laptop");
        String gone = activate("adam@acme.example", "adam-laptop");
        server.services.devices().revoke(new Account("acme"), gone, dev.auscult.server.service.Actor.cli("acme", "test"));

        String active = admin("list-devices", "--account", "acme").out();
        assertTrue(active.contains("zoe-laptop") && !active.contains("adam-laptop"), "a revoked device is left out: " + active);
        String all = admin("list-devices", "--account", "acme", "--revoked").out();
        assertTrue(all.indexOf("adam-laptop") < all.indexOf("zoe-laptop"), "sorted by owner: " + all);
        assertTrue(all.lines().anyMatch(l -> l.contains("adam-laptop") && l.endsWith("REVOKED")), all);
        assertTrue(admin("list-devices", "--account", "acme", "--stale", "0").out().contains("zoe-laptop"), "silent for 0 days or more");
        assertFalse(admin("list-devices", "--account", "acme", "--stale", "30").out().contains("zoe-laptop"), "seen just now");
    }

    @Test
    void mistakesGetClearWordsAndDocumentedExitCodes() {
        AdminCli.Run limit = admin("audit", "--account", "acme", "--limit", "-1");
        assertEquals(2, limit.code());
        assertTrue(limit.err().contains("--limit must be between 1 and 10000"), limit.err());
        assertFalse(limit.err().contains("SQLException") || limit.err().contains("SQLITE_"), limit.err());
        AdminCli.Run stale = admin("list-devices", "--account", "acme", "--stale", "-5");
        assertEquals(2, stale.code());
        assertTrue(stale.err().contains("--stale must be 0 days or more"), stale.err());
        AdminCli.Run unknown = admin("list-devices", "--account", "initech");
        assertEquals(4, unknown.code());
        assertTrue(unknown.err().contains("there is no account initech"), unknown.err());
        AdminCli.Run missing = admin("import-people", "/nonexistent/people.csv", "--account", "acme");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file: /nonexistent/people.csv"), missing.err());
        AdminCli.Run noDevice = admin("show-device", "--account", "acme", "dev_nope");
        assertEquals(4, noDevice.code());
        assertTrue(noDevice.err().contains("account acme has no device dev_nope"), noDevice.err());
    }

    @Test
    void helpWorksOnAdminAndOnEachCommand() {
        AdminCli.Run help = admin("--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("list-devices") && help.out().contains("create-admin"), help.out());
        AdminCli.Run one = admin("list-devices", "--help");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("--account"), one.out());
    }

    @Test
    void applyMakesTheAccountWhatTheFileSaysAndTellsFirst(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        server.services.accounts().create("gitops", "GitOps", "test");
        java.nio.file.Files.writeString(dir.resolve("engineering.yaml"), "firewall: ALWAYS\ndiskEncryption: ALWAYS\n");
        java.nio.file.Path org = dir.resolve("org.yaml");
        java.nio.file.Files.writeString(org, """
                settings:
                  displayName: GitOps Inc.
                  accentColour: "#1f6feb"
                policies:
                  everyone: |
                    firewall: ALWAYS
                  groups:
                    engineering: engineering.yaml
                """);
        AdminCli.Run dry = admin("apply", "--account", "gitops", "-f", org.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("Would change 3 things") && dry.out().contains("publish the policy for group engineering")
                && dry.out().contains("displayName: (none) → \"GitOps Inc.\""), dry.out());
        assertTrue(server.services.policies().versions(new Account("gitops")).isEmpty(), "a dry run changes nothing");

        AdminCli.Run applied = admin("apply", "--account", "gitops", "-f", org.toString());
        assertEquals(0, applied.code(), applied.err());
        assertEquals(2, server.services.policies().versions(new Account("gitops")).size());
        assertEquals("GitOps Inc.", server.services.settings().get(new Account("gitops")).displayName().orElseThrow());
        assertTrue(server.services.audit().recent(new Account("gitops"), 20).stream().anyMatch(e -> e.actor().startsWith("cli:") && e.actor().endsWith("(apply)")
                && e.action().equals("policy.publish")), "each change audited with its door");

        AdminCli.Run again = admin("apply", "--account", "gitops", "-f", org.toString(), "--dry-run");
        assertTrue(again.out().contains("Nothing to change"), "idempotent: " + again.out());

        java.nio.file.Files.writeString(org, "settings:\n  displayName: X\npolicy: {}\n");
        AdminCli.Run unknown = admin("apply", "--account", "gitops", "-f", org.toString(), "--dry-run");
        assertTrue(unknown.code() != 0 && (unknown.err() + unknown.out()).contains("unknown key policy"), unknown.err());
        java.nio.file.Files.writeString(org, "policies:\n  everyone: |\n    firewall: SOMETIMES\n");
        AdminCli.Run invalid = admin("apply", "--account", "gitops", "-f", org.toString());
        assertEquals(5, invalid.code(), invalid.err());
        assertEquals(2, server.services.policies().versions(new Account("gitops")).size(), "an invalid policy changes nothing");
    }
}
