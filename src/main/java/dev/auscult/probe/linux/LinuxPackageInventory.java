package dev.auscult.probe.linux;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.Finding;
import dev.auscult.posture.InstalledApp;
import dev.auscult.posture.Inventory;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.InventoryProbe;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Reading;
import java.util.ArrayList;
import java.util.List;

/** Installed packages from dpkg, rpm and flatpak; complete when every package manager present answered. */
final class LinuxPackageInventory implements InventoryProbe {

    private static final List<String> SOURCES = List.of("linux.dpkg_packages", "linux.rpm_packages", "linux.flatpak_apps");

    @Override
    public Inventory inventory(Evidence evidence) {
        evidence.prefetch(SOURCES.toArray(String[]::new));
        List<InstalledApp> apps = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        for (String id : SOURCES) {
            Reading r = evidence.read(id);
            if (r.status() == ReadStatus.MISSING) {
                continue;
            }
            if (r instanceof Reading.CommandOutput c && c.exitCode() == 0) {
                used.add(id);
                apps.addAll(parseTabbed(c.stdout(), id));
            } else {
                used.add(id);
                problems.add(r instanceof Reading.CommandOutput c ? Finding.of(CommonPhrase.EXITED_WITH_CODE, id, c.exitCode()) : Finding.plain(r.problem()));
            }
        }
        if (used.isEmpty()) {
            return new Inventory(List.of(), false, Finding.of(LinuxPhrase.NO_PACKAGE_MANAGER), SOURCES);
        }
        if (!problems.isEmpty()) {
            return new Inventory(apps, false, Finding.of(LinuxPhrase.PACKAGES_PARTLY_LISTED, Finding.chain(CommonPhrase.SEPARATED, problems)), used);
        }
        return new Inventory(apps, true, Finding.of(LinuxPhrase.PACKAGES_LISTED, apps.size()), used);
    }

    /** "name\tversion" per line, the format all three sources are asked for. */
    static List<InstalledApp> parseTabbed(String text, String source) {
        List<InstalledApp> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int tab = line.indexOf('\t');
            String name = (tab < 0 ? line : line.substring(0, tab)).strip();
            if (!name.isEmpty()) {
                out.add(new InstalledApp(name, tab < 0 ? "" : line.substring(tab + 1).strip(), source));
            }
        }
        return out;
    }
}
