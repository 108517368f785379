package dev.auscult.instructions;

import java.util.Map;
import java.util.Optional;

/** Remediation content and UI strings in Stethoscope's instructions format. */
public record Instructions(String organization, Map<String, String> strings, Map<String, PracticeText> practices) {

    public Instructions {
        strings = Map.copyOf(strings);
        practices = Map.copyOf(practices);
    }

    public String string(String key, String fallback) {
        return Optional.ofNullable(strings.get(key)).map(String::strip).filter(s -> !s.isEmpty()).orElse(fallback);
    }

    public Optional<PracticeText> practice(String key) {
        return Optional.ofNullable(practices.get(key));
    }
}
