package dev.auscult.probe.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.State;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Recorded;
import org.junit.jupiter.api.Test;

/**
 * Windows probes on Windows PowerShell 5.1 {@code ConvertTo-Json} output (4-space indent, two spaces
 * after the colon, CRLF), one object or an array, enums as numbers or names, registry values as strings.
 */
class WindowsPracticeProbesTest {

    private static Recorded win() {
        return Recorded.on(OsPlatform.WIN32);
    }

    @Test
    void firewallIsOnOnlyWhenEveryProfileIs() {
        String array = "[\r\n    {\r\n        \"Name\":  \"Domain\",\r\n        \"Enabled\":  1\r\n    },\r\n    {\r\n        \"Name\":  \"Private\",\r\n"
                + "        \"Enabled\":  1\r\n    },\r\n    {\r\n        \"Name\":  \"Public\",\r\n        \"Enabled\":  0\r\n    }\r\n]\r\n";
        Observation off = new WindowsFirewallProbe().observe(win().command("win32.firewall_profiles", 0, array).evidence());
        assertEquals(State.OFF, off.state());
        assertTrue(off.reason().contains("Public"), off.reason());
        assertEquals("on", off.details().get("Domain"));
        String allTrue = array.replace("\"Enabled\":  0", "\"Enabled\":  true").replace("\"Enabled\":  1", "\"Enabled\":  \"True\"");
        assertEquals(State.ON, new WindowsFirewallProbe().observe(win().command("win32.firewall_profiles", 0, allTrue).evidence()).state());
        String single = "{\r\n    \"Name\":  \"Domain\",\r\n    \"Enabled\":  2\r\n}\r\n";
        assertEquals(State.UNKNOWN, new WindowsFirewallProbe().observe(win().command("win32.firewall_profiles", 0, single).evidence()).state());
        assertEquals(State.UNKNOWN, new WindowsFirewallProbe().observe(win().unavailable("win32.firewall_profiles", ReadStatus.MISSING, "PowerShell is not installed").evidence()).state());
    }

    @Test
    void bitLockerOnTheSystemDriveDecides() {
        assertEquals(State.ON, new BitLockerProbe().observe(win().command("win32.bitlocker_shell", 0, "1\r\n").evidence()).state());
        assertEquals(State.OFF, new BitLockerProbe().observe(win().command("win32.bitlocker_shell", 0, "2\r\n").evidence()).state());
        Observation none = new BitLockerProbe().observe(win().command("win32.bitlocker_shell", 0, "\r\n")
                .unavailable("win32.bitlocker_volumes", ReadStatus.DENIED, "win32.bitlocker_volumes: Access is denied.").evidence());
        assertEquals(State.UNKNOWN, none.state());
        String volumes = "[\r\n    {\r\n        \"MountPoint\":  \"C:\",\r\n        \"VolumeType\":  0,\r\n        \"ProtectionStatus\":  1,\r\n"
                + "        \"VolumeStatus\":  1,\r\n        \"EncryptionPercentage\":  100\r\n    },\r\n    {\r\n        \"MountPoint\":  \"D:\",\r\n"
                + "        \"VolumeType\":  1,\r\n        \"ProtectionStatus\":  0,\r\n        \"VolumeStatus\":  0,\r\n        \"EncryptionPercentage\":  0\r\n    }\r\n]\r\n";
        Observation fromVolumes = new BitLockerProbe().observe(win().command("win32.bitlocker_shell", 0, "").command("win32.bitlocker_volumes", 0, volumes).evidence());
        assertEquals(State.ON, fromVolumes.state(), "an unencrypted data drive does not decide");
        assertEquals("off, 0 % encrypted", fromVolumes.details().get("D: (FixedData)"));
    }

    private static Recorded screen(String user) {
        return win().command("win32.screensaver_user", 0, user)
                .unavailable("win32.screensaver_policy", ReadStatus.ERROR,
                        "win32.screensaver_policy: Cannot find path 'HKCU:\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop' because it does not exist.")
                .command("win32.inactivity_timeout", 0, "{\r\n    \"InactivityTimeoutSecs\":  null\r\n}\r\n");
    }

    @Test
    void aSecureScreenSaverLocksAndPolicyWins() {
        String user = "{\r\n    \"ScreenSaveActive\":  \"1\",\r\n    \"ScreenSaverIsSecure\":  \"1\",\r\n    \"ScreenSaveTimeOut\":  \"600\",\r\n"
                + "    \"SCRNSAVE.EXE\":  \"C:\\\\Windows\\\\system32\\\\scrnsave.scr\"\r\n}\r\n";
        Observation idle = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_IDLE, WindowsScreenLock.SOURCES, WindowsScreenLock::read).observe(screen(user).evidence());
        assertEquals(State.ON, idle.state());
        assertEquals(600, idle.value().getAsLong());
        Observation notSecure = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_LOCK, WindowsScreenLock.SOURCES, WindowsScreenLock::read).observe(screen(user.replace("\"ScreenSaverIsSecure\":  \"1\"", "\"ScreenSaverIsSecure\":  \"0\"")).evidence());
        assertEquals(State.OFF, notSecure.state());
        Observation policy = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_IDLE, WindowsScreenLock.SOURCES, WindowsScreenLock::read).observe(screen(user)
                .command("win32.screensaver_policy", 0, "{\r\n    \"ScreenSaveActive\":  \"1\",\r\n    \"ScreenSaverIsSecure\":  \"1\",\r\n    \"ScreenSaveTimeOut\":  \"300\"\r\n}\r\n").evidence());
        assertEquals(300, policy.value().getAsLong());
        Observation machine = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_IDLE, WindowsScreenLock.SOURCES, WindowsScreenLock::read).observe(screen(user)
                .command("win32.inactivity_timeout", 0, "{\r\n    \"InactivityTimeoutSecs\":  240\r\n}\r\n").evidence());
        assertEquals(240, machine.value().getAsLong());
    }

    @Test
    void noScreenSaverEvidenceIsUnknown() {
        Observation o = new dev.auscult.probe.ScreenLockProbe(PracticeId.SCREEN_IDLE, WindowsScreenLock.SOURCES, WindowsScreenLock::read).observe(win()
                .command("win32.display_timeout", 0, "Current AC Power Setting Index: 0x00000000\r\nCurrent DC Power Setting Index: 0x000000b4\r\n").evidence());
        assertEquals(State.UNKNOWN, o.state());
        assertTrue(o.value().isEmpty());
        assertEquals("never", o.details().get("displayOffAC"));
    }

    private static Observation updates(Recorded r) {
        return new WindowsUpdateProbe().observe(r.evidence());
    }

    @Test
    void windowsUpdateSettings() {
        assertEquals(State.ON, updates(win().command("win32.update_settings", 0, "{\r\n    \"NotificationLevel\":  4,\r\n    \"ReadOnly\":  false,\r\n    \"Required\":  false\r\n}\r\n")).state());
        // "download and notify before install" installs nothing by itself: OFF, not "partly on" (CIS wants 4)
        Observation asks = updates(win().command("win32.update_settings", 0, "{\r\n    \"NotificationLevel\":  3\r\n}\r\n"));
        assertEquals(State.OFF, asks.state());
        assertEquals("updates download automatically but wait for you to install them", asks.reason());
        assertEquals(State.OFF, updates(win().command("win32.update_settings", 0, "{\"NotificationLevel\": 2}")).state());
        for (int auOptions : new int[] {2, 3, 7}) {
            Observation policy = updates(win().command("win32.update_settings", 0, "{\"NotificationLevel\": 4}")
                    .command("win32.update_policy", 0, "{\r\n    \"NoAutoUpdate\":  0,\r\n    \"AUOptions\":  " + auOptions + "\r\n}\r\n"));
            assertEquals(State.OFF, policy.state(), "AUOptions " + auOptions);
            assertEquals(String.valueOf(auOptions), policy.details().get("AUOptions (policy)"));
        }
        assertEquals(State.ON, updates(win().command("win32.update_settings", 0, "{\"NotificationLevel\": 3}")
                .command("win32.update_policy", 0, "{\"NoAutoUpdate\": 0, \"AUOptions\": 4}")).state(), "the policy wins");
        assertEquals(State.OFF, updates(win().command("win32.update_settings", 0, "{\"NotificationLevel\": 4}")
                .command("win32.update_service", 0, "{\r\n    \"Status\":  1,\r\n    \"StartType\":  4\r\n}\r\n")).state());
        assertEquals(State.OFF, updates(win().command("win32.update_settings", 0, "{\"NotificationLevel\": 4}")
                .command("win32.update_policy", 0, "{\r\n    \"NoAutoUpdate\":  1,\r\n    \"AUOptions\":  null\r\n}\r\n")).state());
        assertEquals(State.UNKNOWN, updates(win()).state());
    }

    @Test
    void remoteDesktop() {
        assertEquals(State.OFF, new RemoteDesktopProbe().observe(win().command("win32.rdp", 0, "{\r\n    \"fDenyTSConnections\":  1\r\n}\r\n").evidence()).state());
        assertEquals(State.ON, new RemoteDesktopProbe().observe(win().command("win32.rdp", 0, "{\r\n    \"fDenyTSConnections\":  0\r\n}\r\n").evidence()).state());
        assertEquals(State.UNKNOWN, new RemoteDesktopProbe().observe(win().command("win32.rdp", 0, "").evidence()).state());
    }

    @Test
    void installedProgramsFromTheUninstallKeys() {
        String json = "[\r\n    {\r\n        \"DisplayName\":  \"Google Chrome\",\r\n        \"DisplayVersion\":  \"124.0.6367.92\",\r\n"
                + "        \"Publisher\":  \"Google LLC\"\r\n    },\r\n    {\r\n        \"DisplayName\":  \"7-Zip 23.01 (x64)\",\r\n"
                + "        \"DisplayVersion\":  \"23.01\",\r\n        \"Publisher\":  \"Igor Pavlov\"\r\n    }\r\n]\r\n";
        var inv = new WindowsAppInventory().inventory(win().command("win32.installed_apps", 0, json).evidence());
        assertEquals(2, inv.apps().size());
        assertEquals("124.0.6367.92", inv.apps().getFirst().version());
    }

    @Test
    void aVersionThatIsNotAVersionIsNoVersionAndNamed() {
        var facts = new WindowsDeviceProbe().describe(win().command("win32.os", 0,
                "{\"Caption\": \"Microsoft Windows 11 Pro\", \"Version\": \"TEMPLATE_VERSION\", \"BuildNumber\": \"26200\"}").evidence());
        assertTrue(facts.osVersion().isEmpty());
        assertEquals("Win32_OperatingSystem (Version) gives \u201cTEMPLATE_VERSION\u201d as the version, which is not a version number",
                facts.osVersionReason());
        var h2 = new WindowsDeviceProbe().describe(win().command("win32.os", 0,
                "{\"Caption\": \"Microsoft Windows 11 Pro\", \"Version\": \"10.0.26200\", \"BuildNumber\": \"26200\"}").evidence());
        assertEquals("10.0.26200", h2.osVersion().orElseThrow());
    }
}
