package dev.auscult.fix;

import dev.auscult.posture.Finding;
import dev.auscult.posture.PracticeId;
import java.util.List;
import java.util.Optional;

/**
 * Windows fixes, through PowerShell like the checks. Machine settings run elevated by a UAC prompt: the
 * unelevated PowerShell starts an elevated one with a fixed command written here and passes its exit code on.
 * The screen saver is the person's own registry hive and needs no prompt.
 */
public final class WindowsFixes implements FixCatalog {

    static final String FIREWALL = "Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True";
    static final String DEFENDER = "Set-MpPreference -DisableRealtimeMonitoring $false";
    static final String UPDATES = "Remove-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU' -Name NoAutoUpdate"
            + " -ErrorAction SilentlyContinue; Set-Service -Name wuauserv -StartupType Manual; Start-Service -Name wuauserv";
    static final String RDP_OFF = "Set-ItemProperty -Path 'HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -Value 1";

    @Override
    public Optional<FixPlan> plan(PracticeId practice, FixInputs in) {
        return switch (practice) {
            case FIREWALL -> elevated("win32.firewall-on", practice, FixPhrase.WIN_FIREWALL, FIREWALL);
            case ANTIVIRUS -> defender(in);
            case AUTOMATIC_UPDATES -> elevated("win32.automatic-updates-on", practice, FixPhrase.WIN_AUTOMATIC_UPDATES, UPDATES);
            case REMOTE_LOGIN -> elevated("win32.remote-desktop-off", practice, FixPhrase.WIN_REMOTE_DESKTOP_OFF, RDP_OFF);
            case SCREEN_LOCK, SCREEN_IDLE -> Optional.of(new FixPlan("win32.screen-saver-lock", practice,
                    Finding.of(FixPhrase.WIN_SCREEN_SAVER_LOCK, FixInputs.duration(in.idleSeconds())), Elevation.NONE,
                    List.of(powershell(screenSaver(in.idleSeconds()))), false));
            case OS_VERSION -> Optional.of(new FixPlan("win32.open-updater", practice, Finding.of(FixPhrase.WIN_OPEN_UPDATER), Elevation.NONE,
                    List.of(powershell("Start-Process 'ms-settings:windowsupdate-action'")), true));
            default -> Optional.empty();
        };
    }

    /** Defender only: another antivirus product is the organisation's to manage. */
    private static Optional<FixPlan> defender(FixInputs in) {
        boolean defenderRead = in.result(PracticeId.ANTIVIRUS).map(r -> r.observation().evidence().contains("win32.defender")
                || r.reason().contains("Defender")).orElse(false);
        return defenderRead ? elevated("win32.defender-realtime-on", PracticeId.ANTIVIRUS, FixPhrase.WIN_DEFENDER_REALTIME, DEFENDER) : Optional.empty();
    }

    /** The current user's screen saver: on, password-protected, after the idle seconds (a blank one when none is chosen). */
    static String screenSaver(long seconds) {
        String desktop = "'HKCU:\\Control Panel\\Desktop'";
        return "Set-ItemProperty -Path " + desktop + " -Name ScreenSaveActive -Value '1'; "
                + "Set-ItemProperty -Path " + desktop + " -Name ScreenSaverIsSecure -Value '1'; "
                + "Set-ItemProperty -Path " + desktop + " -Name ScreenSaveTimeOut -Value '" + seconds + "'; "
                + "if (-not (Get-ItemProperty -Path " + desktop + ").'SCRNSAVE.EXE') { Set-ItemProperty -Path " + desktop
                + " -Name 'SCRNSAVE.EXE' -Value \"$env:SystemRoot\\System32\\scrnsave.scr\" }";
    }

    private static Optional<FixPlan> elevated(String id, PracticeId practice, FixPhrase what, String command) {
        // the elevated PowerShell gets the command as one encoded argument: no quoting of it can go wrong
        String encoded = java.util.Base64.getEncoder().encodeToString(command.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        String outer = "$p = Start-Process -FilePath powershell.exe -Verb RunAs -Wait -PassThru -WindowStyle Hidden"
                + " -ArgumentList '-NoProfile','-NonInteractive','-EncodedCommand','" + encoded + "'; exit $p.ExitCode";
        return Optional.of(new FixPlan(id, practice, Finding.of(what), Elevation.WINDOWS_UAC, List.of(powershell(outer)), false));
    }

    private static FixStep powershell(String script) {
        return FixStep.of("powershell", "-NoProfile", "-NonInteractive", "-Command", script);
    }
}
