package dev.auscult.posture;

import java.util.List;

/**
 * Which policy a report was evaluated against: where it came from, its name, and what in it was ignored
 * (unknown keys or forms, each located {@code file:line:column}).
 */
public record PolicyRef(String source, String name, List<String> warnings) {

    public PolicyRef {
        warnings = List.copyOf(warnings);
    }

    public PolicyRef(String source, String name) {
        this(source, name, List.of());
    }
}
