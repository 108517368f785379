package dev.auscult.probe.darwin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.posture.Finding;
import dev.auscult.posture.InstalledApp;
import dev.auscult.posture.Inventory;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.InventoryProbe;
import dev.auscult.probe.Reading;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Applications from {@code system_profiler SPApplicationsDataType -json} (slow: cached between scans). */
final class MacApplicationInventory implements InventoryProbe {

    private static final String APPS = "darwin.applications";

    @Override
    public Inventory inventory(Evidence evidence) {
        Reading r = evidence.read(APPS);
        if (!(r instanceof Reading.CommandOutput c) || c.exitCode() != 0) {
            return new Inventory(List.of(), false, Finding.of(MacPhrase.APPS_UNLISTED, r.problem()), List.of(APPS));
        }
        try {
            JsonNode root = new ObjectMapper().readTree(c.stdout());
            List<InstalledApp> apps = new ArrayList<>();
            for (JsonNode app : root.path("SPApplicationsDataType")) {
                String name = app.path("_name").asText("");
                if (!name.isEmpty()) {
                    apps.add(new InstalledApp(name, app.path("version").asText(""), app.path("path").asText(APPS)));
                }
            }
            return new Inventory(apps, true, Finding.of(MacPhrase.APPS_LISTED, apps.size()), List.of(APPS));
        } catch (IOException e) {
            return new Inventory(List.of(), false, Finding.of(MacPhrase.APPS_NOT_UNDERSTOOD), List.of(APPS));
        }
    }
}
