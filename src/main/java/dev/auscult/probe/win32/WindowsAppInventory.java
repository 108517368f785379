package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.posture.Finding;
import dev.auscult.posture.InstalledApp;
import dev.auscult.posture.Inventory;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.InventoryProbe;
import java.util.ArrayList;
import java.util.List;

/** Installed programs from the Uninstall keys of HKLM, WOW6432Node (32-bit apps) and HKCU (per-user installs). */
final class WindowsAppInventory implements InventoryProbe {

    private static final String APPS = "win32.installed_apps";

    @Override
    public Inventory inventory(Evidence evidence) {
        WindowsJson json = WindowsJson.of(evidence.read(APPS));
        if (!json.readable()) {
            return new Inventory(List.of(), false, Finding.of(WindowsPhrase.PROGRAMS_UNLISTED, json.problem()), List.of(APPS));
        }
        List<InstalledApp> apps = new ArrayList<>();
        for (JsonNode n : json.objects()) {
            PowerShellJson.text(n, "DisplayName").ifPresent(name ->
                    apps.add(new InstalledApp(name, PowerShellJson.text(n, "DisplayVersion").orElse(""),
                            PowerShellJson.text(n, "PSParentPath").map(WindowsAppInventory::registryKey).orElse(APPS))));
        }
        return new Inventory(apps, true, Finding.of(WindowsPhrase.PROGRAMS_LISTED, apps.size()), List.of(APPS));
    }

    /**
     * "Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\Software\…\Uninstall" → "HKLM\Software\…\Uninstall",
     * the form policies use in {@code paths.win32}.
     */
    static String registryKey(String psParentPath) {
        String key = psParentPath.replaceFirst("^.*::", "");
        return key.replaceFirst("^HKEY_LOCAL_MACHINE", "HKLM").replaceFirst("^HKEY_CURRENT_USER", "HKCU");
    }
}
