package dev.auscult.probe.darwin;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level scalar keys of {@code defaults read DOMAIN} output (the old NeXTSTEP plist syntax:
 * {@code Key = value;}). Nested dictionaries and arrays are skipped; quoted values are unquoted.
 */
record DefaultsPlist(Map<String, String> values) {

    static DefaultsPlist parse(String text) {
        Map<String, String> out = new HashMap<>();
        int depth = 0;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            int before = depth;
            depth += count(line, '{') + count(line, '(') - count(line, '}') - count(line, ')');
            // The top level is inside the outermost braces: depth 1 while reading its lines.
            if (before != 1) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.endsWith(";")) {
                continue;
            }
            String key = unquote(line.substring(0, eq).strip());
            String value = unquote(line.substring(eq + 1, line.length() - 1).strip());
            out.put(key, value);
        }
        return new DefaultsPlist(Map.copyOf(out));
    }

    private static int count(String s, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && ch == c) {
                n++;
            }
        }
        return n;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** 1/0, YES/NO, true/false. */
    Optional<Boolean> flag(String key) {
        return get(key).flatMap(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "yes", "true" -> Optional.of(true);
            case "0", "no", "false" -> Optional.of(false);
            default -> Optional.empty();
        });
    }

    Optional<Long> number(String key) {
        return get(key).filter(v -> v.matches("-?\\d{1,12}")).map(Long::parseLong);
    }

    static DefaultsPlist empty() {
        return new DefaultsPlist(Map.of());
    }
}
