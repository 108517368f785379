package dev.auscult.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auscult fix} for real, as a person runs it: the agent as its own process, in a desktop session of its own
 * (a private D-Bus session bus with dconf, where GNOME keeps its settings; KDE Plasma's config directory) — the fix
 * changes the setting, the re-check reads it back, the fix is recorded; without a click nothing changes.
 */
class FixOnThisDesktopTest {

    private static final boolean CI = System.getenv("CI") != null;
    @TempDir
    Path dir;
    private Path home;
    private Process bus;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void session() throws Exception {
        home = dir.resolve("home");
        Files.createDirectories(home.resolve(".config"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_RUNTIME_DIR", dir.toString());
        env.put("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("LANG", "C.UTF-8");
    }

    @AfterEach
    void stopBus() {
        if (bus != null) {
            bus.descendants().forEach(ProcessHandle::destroy);
            bus.destroy();
        }
    }

    private static boolean installed(String path) {
        return Files.isExecutable(Path.of(path));
    }

    /** A session bus started with the session's own environment: dconf-service, started by it, writes this HOME's database. */
    private void gnomeSession() throws Exception {
        boolean tools = installed("/usr/bin/gsettings") && installed("/usr/bin/dbus-daemon") && installed("/usr/libexec/dconf-service");
        if (CI) {
            assertTrue(tools, "CI installs gsettings, dconf-service and dbus-daemon (.ci/run)");
        }
        assumeTrue(tools, "gsettings, dconf-service or dbus-daemon is not installed here");
        Path socket = dir.resolve("bus");
        ProcessBuilder pb = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--address=unix:path=" + socket, "--print-address=1");
        pb.environment().putAll(env);
        bus = pb.redirectErrorStream(true).start();
        String address = new String(bus.getInputStream().readNBytes(socket.toString().length() + 20), StandardCharsets.UTF_8);
        assertTrue(address.startsWith("unix:path="), address);
        env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket);
        env.put("XDG_CURRENT_DESKTOP", "GNOME");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Run auscult(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Dauscult.home=" + dir.resolve("auscult"), "-Duser.home=" + home, "-Djava.util.logging.config.file=/dev/null",
                "-cp", System.getProperty("java.class.path"), "dev.auscult.Main"));
        command.addAll(List.of(args));
        return run(command);
    }

    private String gsettings(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("gsettings"));
        command.addAll(List.of(args));
        Run r = run(command);
        assertEquals(0, r.exit(), r.err());
        return r.out().strip();
    }

    @Test
    void gnomeScreenLockIsTurnedOnAndReadBackAndRecorded() throws Exception {
        gnomeSession();
        gsettings("set", "org.gnome.desktop.screensaver", "lock-enabled", "false");
        gsettings("set", "org.gnome.desktop.session", "idle-delay", "0");
        assertEquals("false", gsettings("get", "org.gnome.desktop.screensaver", "lock-enabled"));

        Run list = auscult("fix");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("screenLock: turn on GNOME's screen lock and lock after 15 min idle (gsettings)"), list.out());

        Run fixed = auscult("fix", "screenLock", "--yes");
        assertEquals(0, fixed.exit(), fixed.out() + fixed.err());
        assertTrue(fixed.out().contains("gsettings set org.gnome.desktop.screensaver lock-enabled true"), "the commands are shown first: " + fixed.out());
        assertTrue(fixed.out().contains("Fixed just now: GNOME locks the screen after 15 min idle"), fixed.out());
        // the setting, as GNOME itself reads it
        assertEquals("true", gsettings("get", "org.gnome.desktop.screensaver", "lock-enabled"));
        assertEquals("uint32 900", gsettings("get", "org.gnome.desktop.session", "idle-delay"));

        // recorded in the agent's state and in every report after
        JsonNode log = new ObjectMapper().readTree(dir.resolve("auscult/state/fixes.json").toFile());
        assertEquals(1, log.size());
        JsonNode f = log.get(0);
        assertEquals("screenLock", f.path("practice").asText());
        assertEquals("linux.gnome-screen-lock", f.path("fix").asText());
        assertEquals("FIXED", f.path("outcome").asText());
        assertEquals("FAIL", f.path("before").path("verdict").asText());
        assertEquals("PASS", f.path("after").path("verdict").asText());
        assertEquals(System.getProperty("user.name"), f.path("user").asText());
        Run scan = auscult("scan", "--json");
        JsonNode report = new ObjectMapper().readTree(scan.out());
        assertEquals("FIXED", report.path("fixes").get(0).path("outcome").asText());
        report.path("practices").forEach(p -> {
            if (p.path("id").asText().startsWith("screen")) {
                assertEquals("PASS", p.path("verdict").asText(), p.toString());
            }
        });

        // and in the evidence pack an auditor receives
        Path pack = dir.resolve("pack.json");
        Run export = auscult("export", "--format", "json", "--out", pack.toString());
        assertEquals(0, export.exit(), export.err());
        JsonNode exported = new ObjectMapper().readTree(pack.toFile()).path("fixes").get(0);
        assertEquals("linux.gnome-screen-lock", exported.path("fix").asText());
        assertEquals("PASS", exported.path("after").path("verdict").asText());

        Run again = auscult("fix", "screenLock", "--yes");
        assertEquals(6, again.exit(), "a passing practice has nothing to fix");
        assertTrue(again.err().contains("screenLock passes"), again.err());
    }

    @Test
    void nothingChangesWithoutTheClickAndWhereThePolicyOrTheFleetSaysNo() throws Exception {
        gnomeSession();
        gsettings("set", "org.gnome.desktop.screensaver", "lock-enabled", "false");

        Run unasked = auscult("fix", "screenLock");
        assertEquals(7, unasked.exit(), "no terminal to answer and no --yes: not run");
        assertTrue(unasked.err().contains("not confirmed: nothing was changed"), unasked.err());
        assertEquals("false", gsettings("get", "org.gnome.desktop.screensaver", "lock-enabled"));

        // the policy turns the screen lock's fix off (auscult.fixes)
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "screenLock: ALWAYS\nauscult:\n  fixes:\n    screenLock: false\n");
        Files.createDirectories(dir.resolve("auscult/config"));
        Files.writeString(dir.resolve("auscult/config/config.yaml"), "policyFile: " + policy + "\n");
        Run byPolicy = auscult("fix", "screenLock", "--yes");
        assertEquals(6, byPolicy.exit(), byPolicy.out() + byPolicy.err());
        assertTrue(byPolicy.err().contains("no fix is offered for screenLock"), byPolicy.err());

        // the fleet's managed configuration turns every fix off
        Files.delete(dir.resolve("auscult/config/config.yaml"));
        Files.createDirectories(dir.resolve("auscult/managed"));
        Files.writeString(dir.resolve("auscult/managed/config.yaml"), "fixes: false\n");
        Run byFleet = auscult("fix", "screenLock", "--yes");
        assertEquals(6, byFleet.exit(), byFleet.out() + byFleet.err());
        assertEquals("false", gsettings("get", "org.gnome.desktop.screensaver", "lock-enabled"));
        assertTrue(auscult("fix").out().contains("Nothing here needs a fix"));

        Run typo = auscult("fix", "screenlock");
        assertEquals(2, typo.exit());
    }

    @Test
    void kdePlasmaScreenLockIsWrittenWithKwriteconfigAndReadBack() throws Exception {
        boolean tool = installed("/usr/bin/kwriteconfig5") || installed("/usr/bin/kwriteconfig6");
        if (CI) {
            assertTrue(tool, "CI installs kwriteconfig5 (.ci/run)");
        }
        assumeTrue(tool, "kwriteconfig5/6 is not installed here");
        env.put("XDG_CURRENT_DESKTOP", "KDE");
        Path rc = home.resolve(".config/kscreenlockerrc");
        Files.writeString(rc, "[Daemon]\nAutolock=false\nTimeout=30\n");

        Run fixed = auscult("fix", "screenLock", "--yes");
        assertEquals(0, fixed.exit(), fixed.out() + fixed.err());
        assertTrue(fixed.out().contains("Fixed just now: KDE Plasma locks after 15 min idle"), fixed.out());
        String written = Files.readString(rc);
        assertTrue(written.contains("Autolock=true"), written);
        assertTrue(written.contains("Timeout=15"), written);
        assertTrue(written.contains("LockGrace=0"), written);
    }

    @Test
    void theRootHelperRefusesAnythingButOneKnownActionAndItsPolkitFileListsEachOne() throws IOException, InterruptedException {
        Path helper = Path.of("packaging/jpackage/linux/fix/auscult-fix-helper");
        String policy = Files.readString(Path.of("packaging/jpackage/linux/fix/dev.auscult.fix.policy"));
        String script = Files.readString(helper);
        for (String action : LinuxFixes.HELPER_ACTIONS) {
            assertTrue(script.contains("\n  " + action + ")\n"), "the helper has " + action);
            assertTrue(policy.contains("<action id=\"dev.auscult.fix." + action + "\">"), "the polkit file lists " + action);
            assertTrue(policy.contains("<annotate key=\"org.freedesktop.policykit.exec.argv1\">" + action + "</annotate>"), action);
        }
        assertEquals(LinuxFixes.HELPER_ACTIONS.size(), policy.split("org.freedesktop.policykit.exec.path\">" + LinuxFixes.HELPER + "<", -1).length - 1,
                "every action names the installed helper's path");
        assertTrue(policy.contains("<allow_active>auth_admin</allow_active>") && !policy.contains("<allow_active>yes"), "never without a password");
        for (List<String> args : List.of(List.<String>of(), List.of("firewall-ufw", "extra"), List.of("rm -rf /"), List.of("../firewall-ufw"))) {
            List<String> command = new ArrayList<>(List.of("/bin/sh", helper.toString()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), "refused: " + args);
        }
    }

    @Test
    void asRootTheHelperTurnsTheFirewallOnInANetworkNamespaceAndTheCheckReadsItBack() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean tools = installed("/usr/sbin/ufw") && installed("/usr/bin/unshare");
        if (CI && root) {
            assertTrue(tools, "CI installs ufw (.ci/run); unshare is util-linux's");
        }
        assumeTrue(root && tools, "needs root, ufw and unshare: the helper runs as root, as pkexec starts it");
        Path conf = Path.of("/etc/ufw/ufw.conf");
        byte[] original = Files.readAllBytes(conf);
        try {
            // the machine's own network is never touched: ufw loads its rules into a namespace made for this test
            Run off = run(List.of("/usr/bin/unshare", "--net", "/usr/sbin/ufw", "--force", "disable"));
            assertEquals(0, off.exit(), off.out() + off.err());
            JsonNode before = firewall(auscult("scan", "--json"));
            assertTrue(!before.path("verdict").asText().equals("PASS"), before.toString());

            Run helper = run(List.of("/usr/bin/unshare", "--net", "/bin/sh", Path.of("packaging/jpackage/linux/fix/auscult-fix-helper").toAbsolutePath().toString(),
                    "firewall-ufw"));
            assertEquals(0, helper.exit(), helper.out() + helper.err());
            assertTrue(helper.out().contains("auscult-fix-helper: firewall-ufw done"), helper.out());
            JsonNode after = firewall(auscult("scan", "--json"));
            assertEquals("PASS", after.path("verdict").asText(), after.toString());
            assertTrue(after.path("evidence").toString().contains("linux.ufw_conf"), after.toString());
        } finally {
            Files.write(conf, original);
        }
    }

    private static JsonNode firewall(Run scan) throws IOException {
        for (JsonNode p : new ObjectMapper().readTree(scan.out()).path("practices")) {
            if (p.path("id").asText().equals("firewall")) {
                return p;
            }
        }
        throw new AssertionError("no firewall row: " + scan.out() + scan.err());
    }
}
