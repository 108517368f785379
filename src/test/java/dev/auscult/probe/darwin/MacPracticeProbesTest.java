package dev.auscult.probe.darwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.State;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Recorded;
import org.junit.jupiter.api.Test;

/**
 * macOS probes on the outputs the tools print (formats as documented by Apple's man pages and as quoted
 * in public admin scripts; see resources/outputs/PROVENANCE.md), including the odd cases.
 */
class MacPracticeProbesTest {

    private static Recorded mac() {
        return Recorded.on(OsPlatform.DARWIN);
    }

    private static Observation fileVault(String out) {
        return new FileVaultProbe().observe(mac().command("darwin.fdesetup_status", 0, out).evidence());
    }

    @Test
    void fileVaultCountsOnlyWhenFullyOn() {
        assertEquals(State.ON, fileVault("FileVault is On.\n").state());
        assertEquals(State.OFF, fileVault("FileVault is Off.\n").state());
        Observation encrypting = fileVault("FileVault is On.\nEncryption in progress: Percent completed = 42.5\n");
        assertEquals(State.OFF, encrypting.state());
        assertTrue(encrypting.reason().contains("42.5 % done"), encrypting.reason());
        assertTrue(fileVault("FileVault is On.\nEncryption in progress: Pending\n").reason().contains("pending"));
        assertEquals(State.OFF, fileVault("FileVault is Off.\nDeferred enablement appears to be active for user 'alice'.\n").state());
        assertEquals(State.OFF, fileVault("FileVault is Off.\nDecryption in progress: Percent completed = 73\n").state());
        assertEquals(State.UNKNOWN, fileVault("something new\n").state());
        assertEquals(State.UNKNOWN, new FileVaultProbe().observe(mac().unavailable("darwin.fdesetup_status", ReadStatus.TIMEOUT, "fdesetup timed out after 10 s").evidence()).state());
    }

    private static Observation firewall(Recorded r) {
        return new MacFirewallProbe().observe(r.evidence());
    }

    @Test
    void firewallReadsBothWordingsAndTheLegacyPlist() {
        assertEquals(State.ON, firewall(mac().command("darwin.firewall_state", 0, "Firewall is enabled. (State = 1)\n")).state());
        assertEquals(State.OFF, firewall(mac().command("darwin.firewall_state", 0, "Firewall is disabled. (State = 0)\n")).state());
        Observation blockAll = firewall(mac().command("darwin.firewall_state", 0, "Firewall is blocking all non-essential incoming connections. (State = 2)\n"));
        assertEquals(State.ON, blockAll.state());
        assertTrue(blockAll.reason().contains("blocks all"));
        assertEquals(State.ON, firewall(mac().command("darwin.firewall_state", 0, "Firewall is enabled.\n")).state());
        assertEquals(State.OFF, firewall(mac().unavailable("darwin.firewall_state", ReadStatus.MISSING, "socketfilterfw is not installed")
                .command("darwin.alf_globalstate", 0, "0\n")).state());
        assertEquals(State.UNKNOWN, firewall(mac().unavailable("darwin.firewall_state", ReadStatus.MISSING, "socketfilterfw is not installed")
                .command("darwin.alf_globalstate", 1, "", "The domain/default pair of (/Library/Preferences/com.apple.alf, globalstate) does not exist\n")).state());
    }

    private static final String PMSET = "Battery Power:\n lidwake              1\n lowpowermode         0\n standby              1\n ttyskeepawake        1\n"
            + " hibernatemode        3\n powernap             0\n hibernatefile        /var/vm/sleepimage\n displaysleep         2\n"
            + " sleep                1\n tcpkeepalive         1\n disksleep            10\nAC Power:\n lidwake              1\n"
            + " standby              1\n ttyskeepawake        1\n hibernatemode        3\n powernap             1\n"
            + " displaysleep         10\n womp                 1\n networkoversleep     0\n sleep                1\n disksleep            10\n";

    private static Recorded lock(String sysadminctlStderr) {
        return mac().command("darwin.screenlock_status", 0, "", sysadminctlStderr).command("darwin.pmset_custom", 0, PMSET)
                .command("darwin.screensaver_idle", 1, "", "\nThe domain/default pair of (com.apple.screensaver, idleTime) does not exist\n")
                .command("darwin.screensaver_managed", 1, "", "Domain /Library/Managed Preferences/com.apple.screensaver does not exist\n");
    }

    @Test
    void screenLockReadsSysadminctlWithItsTimestampPrefixAndTheWorstPowerSource() {
        Observation idle = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_IDLE, MacScreenLock.SOURCES, MacScreenLock::read).observe(
                lock("2024-05-02 09:14:07.312 sysadminctl[2931:51233] screenLock delay is immediate\n").evidence());
        assertEquals(State.ON, idle.state());
        assertEquals(600, idle.value().getAsLong(), "on AC the display sleeps after 10 min; worst of battery (2 min) and AC");
        Observation delayed = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_IDLE, MacScreenLock.SOURCES, MacScreenLock::read).observe(lock("screenLock delay is 300 seconds\n").evidence());
        assertEquals(900, delayed.value().getAsLong());
        assertEquals(State.OFF, new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_LOCK, MacScreenLock.SOURCES, MacScreenLock::read).observe(
                lock("2024-05-02 09:14:07.312 sysadminctl[2931:51233] screenLock is off\n").evidence()).state());
        assertEquals(State.OFF, new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_LOCK, MacScreenLock.SOURCES, MacScreenLock::read).observe(lock("screenLock delay is -1.000000 seconds\n").evidence()).state());
    }

    @Test
    void managedScreenSaverSettingsWin() {
        Recorded r = lock("screenLock delay is immediate\n").command("darwin.screensaver_managed", 0,
                "{\n    askForPassword = 1;\n    askForPasswordDelay = 5;\n    idleTime = 300;\n    moduleName = Flurry;\n}\n");
        Observation idle = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_IDLE, MacScreenLock.SOURCES, MacScreenLock::read).observe(r.evidence());
        assertEquals(305, idle.value().getAsLong(), "the managed 5 min screen saver comes before AC's 10 min display sleep");
        assertEquals("5 s", idle.details().get("passwordDelay"));
    }

    @Test
    void aScreenThatNeverSleepsNeverLocks() {
        Recorded r = mac().command("darwin.screenlock_status", 0, "", "screenLock delay is immediate\n")
                .command("darwin.pmset_custom", 0, "AC Power:\n displaysleep         0\n sleep                0\n")
                .command("darwin.screensaver_idle", 0, "0\n");
        Observation idle = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_IDLE, MacScreenLock.SOURCES, MacScreenLock::read).observe(r.evidence());
        assertEquals(State.OFF, idle.state());
        assertTrue(idle.value().isEmpty());
    }

    @Test
    void unreadableLockStatusIsUnknownNotPass() {
        Observation o = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_LOCK, MacScreenLock.SOURCES, MacScreenLock::read).observe(mac()
                .unavailable("darwin.screenlock_status", ReadStatus.DENIED, "sysadminctl was denied").evidence());
        assertEquals(State.UNKNOWN, o.state());
        assertTrue(o.reason().contains("denied"));
    }

    private static Observation updates(Recorded r) {
        return new MacAutomaticUpdatesProbe().observe(r.evidence());
    }

    @Test
    void automaticUpdatesUseMacDefaultsForAbsentKeysAndNudgeWhenInstallsAreOff() {
        Observation defaults = updates(mac().command("darwin.softwareupdate_prefs", 1, "",
                "Domain /Library/Preferences/com.apple.SoftwareUpdate does not exist\n"));
        assertEquals(State.ON, defaults.state());
        assertTrue(defaults.partial(), "macOS does not install macOS updates by itself by default");
        assertEquals("off (macOS default) — install macOS updates", defaults.details().get("AutomaticallyInstallMacOSUpdates"));

        String allOn = "{\n    AutomaticCheckEnabled = 1;\n    AutomaticDownload = 1;\n    AutomaticallyInstallMacOSUpdates = 1;\n"
                + "    ConfigDataInstall = 1;\n    CriticalUpdateInstall = 1;\n    LastFullSuccessfulDate = \"2024-05-01 08:00:00 +0000\";\n"
                + "    RecommendedUpdates =     (\n    );\n}\n";
        Observation on = updates(mac().command("darwin.softwareupdate_prefs", 0, allOn).command("darwin.commerce_prefs", 0, "{\n    AutoUpdate = 1;\n}\n"));
        assertEquals(State.ON, on.state());
        assertFalse(on.partial());

        assertEquals(State.OFF, updates(mac().command("darwin.softwareupdate_prefs", 0, "{\n    AutomaticCheckEnabled = 0;\n}\n")).state());
        // a Mac that only checks: nothing installs without the person — OFF, not "partly on" (CIS macOS 1.2–1.5)
        Observation checksOnly = updates(mac().command("darwin.softwareupdate_prefs", 0, "{\n    AutomaticCheckEnabled = 1;\n    AutomaticDownload = 0;\n"
                + "    AutomaticallyInstallMacOSUpdates = 0;\n    ConfigDataInstall = 0;\n    CriticalUpdateInstall = 0;\n}\n")
                .command("darwin.commerce_prefs", 0, "{\n    AutoUpdate = 0;\n}\n"));
        assertEquals(State.OFF, checksOnly.state());
        assertTrue(checksOnly.reason().startsWith("macOS checks for updates, but security updates wait for you"), checksOnly.reason());
        assertEquals("off — install security responses and system files", checksOnly.details().get("CriticalUpdateInstall"));
        Observation managed = updates(mac().command("darwin.softwareupdate_prefs", 0, allOn)
                .command("darwin.softwareupdate_managed", 0, "{\n    AutomaticCheckEnabled = 0;\n}\n"));
        assertEquals(State.OFF, managed.state(), "managed preferences win");
        assertEquals(State.UNKNOWN, updates(mac().unavailable("darwin.softwareupdate_prefs", ReadStatus.TIMEOUT, "defaults timed out")).state());
    }

    @Test
    void remoteLoginFromLaunchctlThenNetstat() {
        String running = "system/com.openssh.sshd = {\n\tactive count = 0\n\tpath = /System/Library/LaunchDaemons/ssh.plist\n\tstate = waiting\n}\n";
        String missing = "Bad request.\nCould not find service \"com.apple.screensharing\" in domain for system\n";
        Observation on = new MacRemoteLoginProbe().observe(mac().command("darwin.sshd_service", 0, running)
                .command("darwin.screensharing_service", 113, missing).evidence());
        assertEquals(State.ON, on.state());
        assertTrue(on.reason().startsWith("Remote Login (SSH)"));
        Observation off = new MacRemoteLoginProbe().observe(mac().command("darwin.sshd_service", 113, missing.replace("screensharing", "openssh.sshd"))
                .command("darwin.screensharing_service", 113, missing).evidence());
        assertEquals(State.OFF, off.state());
        Observation viaNetstat = new MacRemoteLoginProbe().observe(mac()
                .command("darwin.listening_tcp", 0, "Active Internet connections (including servers)\n"
                        + "Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)     rhiwat shiwat    pid   epid  state    options\n"
                        + "tcp4       0      0  *.5900                 *.*                    LISTEN      131072 131072    412      0 0x0000 0x00000006\n")
                .evidence());
        assertEquals(State.ON, viaNetstat.state());
    }

    @Test
    void xprotectVersionFromItsInfoPlist() {
        String plist = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n\t<key>CFBundleIdentifier</key>\n"
                + "\t<string>com.apple.XProtectFramework.XProtect</string>\n\t<key>CFBundleShortVersionString</key>\n\t<string>2193</string>\n</dict>\n</plist>\n";
        Observation o = new XProtectProbe().observe(mac().file("darwin.xprotect", plist).evidence());
        assertEquals(State.ON, o.state());
        assertEquals("2193", o.details().get("XProtect"));
        assertEquals(State.UNKNOWN, new XProtectProbe().observe(mac().evidence()).state());
    }

    @Test
    void applicationsFromSystemProfiler() {
        String json = "{\n  \"SPApplicationsDataType\" : [\n    {\n      \"_name\" : \"Safari\",\n      \"lastModified\" : \"2024-04-20T08:00:00Z\",\n"
                + "      \"obtained_from\" : \"apple\",\n      \"path\" : \"/Applications/Safari.app\",\n      \"version\" : \"17.4.1\"\n    },\n"
                + "    {\n      \"_name\" : \"zoom.us\",\n      \"path\" : \"/Applications/zoom.us.app\",\n      \"version\" : \"5.17.11 (31580)\"\n    }\n  ]\n}\n";
        var inv = new MacApplicationInventory().inventory(mac().command("darwin.applications", 0, json).evidence());
        assertTrue(inv.complete());
        assertEquals(2, inv.apps().size());
        assertEquals("5.17.11 (31580)", inv.apps().get(1).version());
    }

    @Test
    void aProductVersionThatIsNotAVersionIsNoVersionAndNamed() {
        var facts = new MacDeviceProbe().describe(mac().command("darwin.sw_vers", 0,
                "ProductName:\t\tmacOS\nProductVersion:\t\tTEMPLATE_VERSION\nBuildVersion:\t\t25A354\n").evidence());
        assertTrue(facts.osVersion().isEmpty());
        assertEquals("sw_vers (ProductVersion) gives \u201cTEMPLATE_VERSION\u201d as the version, which is not a version number", facts.osVersionReason());
        var tahoe = new MacDeviceProbe().describe(mac().command("darwin.sw_vers", 0,
                "ProductName:\t\tmacOS\nProductVersion:\t\t26.0.1\nBuildVersion:\t\t25A362\n").evidence());
        assertEquals("26.0.1", tahoe.osVersion().orElseThrow());
    }
}
