package dev.auscult.server.console;

import dev.auscult.probe.SourceCatalog;
import dev.auscult.probe.SourceSpec;

/**
 * What an evidence source ID in a report means, as the agent's own catalogue says: the command it ran, the file it
 * read, the setting it looked at — so the device page says "ran gsettings get org.gnome.desktop.session idle-delay"
 * where the report only names {@code linux.gnome_idle_delay}. An ID the catalogue does not know (a newer agent) is
 * shown as it is.
 */
public final class EvidenceWords {

    private static final int LONGEST = 160;

    private final SourceCatalog catalog;

    public EvidenceWords(SourceCatalog catalog) {
        this.catalog = catalog;
    }

    public String describe(String id) {
        return catalog.find(id).map(spec -> switch (spec) {
            case SourceSpec.Command c -> "ran " + String.join(" ", c.argv());
            case SourceSpec.PowerShell p -> "PowerShell: " + shorten(p.script());
            case SourceSpec.File f -> "read " + f.path() + f.fallback().map(x -> " (or " + x + ")").orElse("");
            case SourceSpec.Env e -> "the environment variable " + e.name();
            case SourceSpec.Exists x -> "whether " + x.path() + " exists";
            case SourceSpec.Files fs -> "read " + shorten(String.join(", ", fs.paths()));
        }).orElse(id);
    }

    private static String shorten(String text) {
        return text.length() <= LONGEST ? text : text.substring(0, LONGEST - 1) + "…";
    }
}
