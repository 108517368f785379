package dev.auscult.probe.darwin;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code sw_vers} output: "Key:" then tabs or spaces then the value ("Mac OS X" on old releases, "macOS" now). */
record SwVers(Optional<String> productName, Optional<String> productVersion, Optional<String> buildVersion,
              Optional<String> productVersionExtra) {

    static SwVers parse(String text) {
        Map<String, String> kv = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                kv.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return new SwVers(get(kv, "ProductName"), get(kv, "ProductVersion"), get(kv, "BuildVersion"),
                get(kv, "ProductVersionExtra"));
    }

    private static Optional<String> get(Map<String, String> kv, String key) {
        return Optional.ofNullable(kv.get(key)).filter(s -> !s.isEmpty());
    }
}
