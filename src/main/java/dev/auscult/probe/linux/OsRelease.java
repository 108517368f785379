package dev.auscult.probe.linux;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * os-release(5) as a map. Values may be double-quoted, single-quoted or bare, with backslash escapes;
 * keys are read exactly, so {@code PRETTY_NAME} never shadows {@code NAME} (Stethoscope's regex did).
 */
public record OsRelease(Map<String, String> values) {

    public static OsRelease parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return new OsRelease(Map.copyOf(values));
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            String inner = v.substring(1, v.length() - 1);
            return v.charAt(0) == '\'' ? inner : inner.replaceAll("\\\\([\"\\\\$`])", "$1");
        }
        return v;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(s -> !s.isBlank());
    }

    public List<String> idLike() {
        return get("ID_LIKE").map(s -> Arrays.asList(s.trim().split("\\s+"))).orElse(List.of());
    }
}
