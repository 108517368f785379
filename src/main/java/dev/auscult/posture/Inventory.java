package dev.auscult.posture;

import java.util.List;

/** The installed-software inventory. {@code complete} is false when a source could not be read. */
public record Inventory(List<InstalledApp> apps, boolean complete, Finding finding, List<String> evidence) {

    public Inventory {
        apps = List.copyOf(apps);
        evidence = List.copyOf(evidence);
    }

    /** The finding in the report's words. */
    public String reason() {
        return finding.english();
    }
}
