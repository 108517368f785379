package dev.auscult.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.Fixtures;
import dev.auscult.app.ScanService;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SourceCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixes each OS offers, planned from real devices' recorded evidence (macOS and Windows cannot run here): the
 * exact programs and arguments each one runs, checked against what the check reads; and the re-check, by replaying
 * the same device with the setting as the fix leaves it.
 */
class FixPlansFromRecordedDevicesTest {

    private final SourceCatalog catalog = SourceCatalog.bundled();
    private final ScanService scans = new ScanService(catalog, "1.0.0", Clock.systemUTC());
    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path dir;

    private ScanReport replay(Path snapshot) throws Exception {
        return scans.replay(new SnapshotCodec(catalog).read(snapshot), new PolicyLoader().bundled(), new PolicyRef("bundled default", "Auscult default")).report();
    }

    /** The recorded device with one source's output changed: the state before (or after) a fix. */
    private Path edited(String name, String source, Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) json.readTree(Fixtures.text("snapshots/" + name + ".json"));
        change.accept((ObjectNode) root.path("sources").path(source));
        Path out = dir.resolve(name + "-" + source + ".json");
        Files.writeString(out, json.writeValueAsString(root));
        return out;
    }

    private static FixInputs inputs(ScanReport report, Set<String> installed, boolean helper) {
        return new FixInputs(report, 300, installed::contains, helper);
    }

    private static String decodedUacCommand(FixPlan plan) {
        String outer = plan.steps().getFirst().argv().getLast();
        String encoded = outer.replaceAll("(?s).*'-EncodedCommand','([A-Za-z0-9+/=]+)'.*", "$1");
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_16LE);
    }

    @Test
    void windowsFirewallOffOnOneProfileIsFixedForEveryProfileBehindUac() throws Exception {
        ScanReport before = replay(Fixtures.path("snapshots/win11-23h2-corporate-laptop.json"));
        assertEquals(Optional.of(Verdict.FAIL), before.practice(PracticeId.FIREWALL).orElseThrow().verdict());
        FixPlan plan = new WindowsFixes().plan(PracticeId.FIREWALL, inputs(before, Set.of(), false)).orElseThrow();
        assertEquals(Elevation.WINDOWS_UAC, plan.elevation());
        List<String> argv = plan.steps().getFirst().argv();
        assertEquals(List.of("powershell", "-NoProfile", "-NonInteractive", "-Command"), argv.subList(0, 4));
        assertTrue(argv.getLast().startsWith("$p = Start-Process -FilePath powershell.exe -Verb RunAs -Wait -PassThru"), argv.getLast());
        assertEquals("Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True", decodedUacCommand(plan));

        // the re-check: the same laptop with the Public profile on, as Set-NetFirewallProfile leaves it
        ScanReport after = replay(edited("win11-23h2-corporate-laptop", "win32.firewall_profiles",
                s -> s.put("stdout", s.get("stdout").asText().replace("\"Enabled\":  0", "\"Enabled\":  1"))));
        assertEquals(Optional.of(Verdict.PASS), after.practice(PracticeId.FIREWALL).orElseThrow().verdict());
    }

    @Test
    void windowsRemoteDesktopIsTurnedOffThroughTheValueTheCheckReads() throws Exception {
        ScanReport before = replay(Fixtures.path("snapshots/win11-23h2-corporate-laptop.json"));
        assertEquals(Optional.of(Verdict.FAIL), before.practice(PracticeId.REMOTE_LOGIN).orElseThrow().verdict());
        FixPlan plan = new WindowsFixes().plan(PracticeId.REMOTE_LOGIN, inputs(before, Set.of(), false)).orElseThrow();
        // win32.rdp reads fDenyTSConnections under this key: the fix writes the same value
        assertTrue(catalog.require("win32.rdp").toString().contains("Terminal Server"));
        assertEquals("Set-ItemProperty -Path 'HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -Value 1",
                decodedUacCommand(plan));
        ScanReport after = replay(edited("win11-23h2-corporate-laptop", "win32.rdp",
                s -> s.put("stdout", "{\r\n    \"fDenyTSConnections\":  1\r\n}\r\n")));
        assertEquals(Optional.of(Verdict.PASS), after.practice(PracticeId.REMOTE_LOGIN).orElseThrow().verdict());
    }

    @Test
    void windowsScreenSaverIsTheUsersOwnHiveAndNeedsNoPrompt() throws Exception {
        ScanReport report = replay(Fixtures.path("snapshots/win-powercfg-videoidle-ac-never-dc-180.json"));
        FixPlan plan = new WindowsFixes().plan(PracticeId.SCREEN_IDLE, inputs(report, Set.of(), false)).orElseThrow();
        assertEquals(Elevation.NONE, plan.elevation());
        String script = plan.steps().getFirst().argv().getLast();
        for (String value : List.of("ScreenSaveActive -Value '1'", "ScreenSaverIsSecure -Value '1'", "ScreenSaveTimeOut -Value '300'")) {
            assertTrue(script.contains("Set-ItemProperty -Path 'HKCU:\\Control Panel\\Desktop' -Name " + value), script);
        }
    }

    @Test
    void macFirewallIsTurnedOnWithTheToolTheCheckAsksAndTheAdministratorPrompt() throws Exception {
        Path off = edited("darwin-sonoma-managed-macbook", "darwin.firewall_state", s -> s.put("stdout", "Firewall is disabled. (State = 0)\n"));
        ScanReport before = replay(off);
        assertEquals(Optional.of(Verdict.FAIL), before.practice(PracticeId.FIREWALL).orElseThrow().verdict());
        FixPlan plan = new MacFixes().plan(PracticeId.FIREWALL, inputs(before, Set.of(), false)).orElseThrow();
        assertEquals(Elevation.MAC_ADMINISTRATOR, plan.elevation());
        assertEquals(List.of("osascript", "-e",
                "do shell script \"/usr/libexec/ApplicationFirewall/socketfilterfw --setglobalstate on\" with administrator privileges"),
                plan.steps().getFirst().argv());
        // darwin.firewall_state runs the same program with --getglobalstate
        assertTrue(catalog.require("darwin.firewall_state").toString().contains("/usr/libexec/ApplicationFirewall/socketfilterfw"));
        // the re-check: the recorded Mac as it is, firewall on
        ScanReport after = replay(Fixtures.path("snapshots/darwin-sonoma-managed-macbook.json"));
        assertEquals(Optional.of(Verdict.PASS), after.practice(PracticeId.FIREWALL).orElseThrow().verdict());
    }

    @Test
    void macOffersSixFixesAndNoneForAPracticeItCannotSetSafely() throws Exception {
        ScanReport report = replay(Fixtures.path("snapshots/darwin-sonoma-managed-macbook.json"));
        MacFixes mac = new MacFixes();
        for (PracticeId p : List.of(PracticeId.FIREWALL, PracticeId.AUTOMATIC_UPDATES, PracticeId.REMOTE_LOGIN, PracticeId.GATEKEEPER,
                PracticeId.SCREEN_IDLE, PracticeId.OS_VERSION)) {
            assertTrue(mac.plan(p, inputs(report, Set.of(), false)).isPresent(), p.key());
        }
        // the lock's password itself needs the person's own password on a terminal: no click can set it
        assertTrue(mac.plan(PracticeId.SCREEN_LOCK, inputs(report, Set.of(), false)).isEmpty());
        assertTrue(mac.plan(PracticeId.DISK_ENCRYPTION, inputs(report, Set.of(), false)).isEmpty());
        FixPlan idle = mac.plan(PracticeId.SCREEN_IDLE, inputs(report, Set.of(), false)).orElseThrow();
        assertEquals(List.of("defaults", "-currentHost", "write", "com.apple.screensaver", "idleTime", "-int", "300"), idle.steps().getFirst().argv());
        assertTrue(catalog.require("darwin.screensaver_idle").toString().contains("idleTime"));
    }

    @Test
    void kdeScreenLockIsWrittenToTheFileTheCheckReadsWithTheToolThatIsInstalled() throws Exception {
        ScanReport report = replay(Fixtures.path("snapshots/linux-ubuntu-20.04-kde-autolock-false.json"));
        assertEquals(Optional.of(Verdict.FAIL), report.practice(PracticeId.SCREEN_LOCK).orElseThrow().verdict());
        LinuxFixes linux = new LinuxFixes();
        assertTrue(linux.plan(PracticeId.SCREEN_LOCK, inputs(report, Set.of(), false)).isEmpty(), "no kwriteconfig: no fix");
        FixPlan plan = linux.plan(PracticeId.SCREEN_LOCK, inputs(report, Set.of("kwriteconfig5"), false)).orElseThrow();
        assertEquals(Elevation.NONE, plan.elevation());
        assertEquals(List.of("kwriteconfig5", "--file", "kscreenlockerrc", "--group", "Daemon", "--key", "Autolock", "true"),
                plan.steps().getFirst().argv());
        assertTrue(plan.commands().contains("kwriteconfig5 --file kscreenlockerrc --group Daemon --key Timeout 5"), plan.commands().toString());
        assertEquals(FixStep.Mode.COURTESY, plan.steps().getLast().mode(), "asking kscreenlocker to reload may fail without failing the fix");
        FixPlan newer = linux.plan(PracticeId.SCREEN_LOCK, inputs(report, Set.of("kwriteconfig5", "kwriteconfig6"), false)).orElseThrow();
        assertEquals("kwriteconfig6", newer.steps().getFirst().argv().getFirst());
    }

    @Test
    void linuxSystemSettingsGoOnlyThroughTheInstalledHelperByPolkit() throws Exception {
        ScanReport report = replay(Fixtures.path("snapshots/linux-debian-11-unattended-upgrades-enabled.json"));
        LinuxFixes linux = new LinuxFixes();
        Set<String> tools = Set.of("ufw", "pkexec", "sshd", "clamd", "unattended-upgrade");
        assertTrue(linux.plan(PracticeId.FIREWALL, inputs(report, tools, false)).isEmpty(), "no helper installed: no system fix");
        FixPlan firewall = linux.plan(PracticeId.FIREWALL, inputs(report, tools, true)).orElseThrow();
        assertEquals(Elevation.POLKIT, firewall.elevation());
        assertEquals(List.of("pkexec", LinuxFixes.HELPER, "firewall-ufw"), firewall.steps().getFirst().argv());
        for (PracticeId p : List.of(PracticeId.AUTOMATIC_UPDATES, PracticeId.REMOTE_LOGIN, PracticeId.ANTIVIRUS)) {
            List<String> argv = linux.plan(p, inputs(report, tools, true)).orElseThrow().steps().getFirst().argv();
            assertEquals(List.of("pkexec", LinuxFixes.HELPER), argv.subList(0, 2));
            assertTrue(LinuxFixes.HELPER_ACTIONS.contains(argv.get(2)), argv.toString());
            assertEquals(3, argv.size(), "the helper takes its action's name and nothing else");
        }
        assertFalse(linux.plan(PracticeId.FIREWALL, inputs(report, Set.of("pkexec"), true)).isPresent(), "no firewall installed: nothing to turn on");
    }
}
