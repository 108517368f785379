package dev.auscult.instructions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads instructions files. An admin's file is layered over the bundled English one, so a file that
 * covers only some practices (any Stethoscope instructions file) still leaves every row explained.
 */
public final class InstructionsLoader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public Instructions bundled() {
        try (InputStream in = InstructionsLoader.class.getResourceAsStream("instructions.en.yaml")) {
            if (in == null) {
                throw new IllegalStateException("instructions.en.yaml is missing from the application");
            }
            return parse(yaml.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("the bundled instructions are broken: " + e.getMessage(), e);
        }
    }

    /** The admin's file over the bundled one; the file's problems are reported, never fatal. */
    public Instructions withOverride(Path file) throws IOException {
        Instructions base = bundled();
        Instructions over = parse(yaml.readTree(Files.readString(file)));
        Map<String, String> strings = new HashMap<>(base.strings());
        strings.putAll(over.strings());
        Map<String, PracticeText> practices = new HashMap<>(base.practices());
        practices.putAll(over.practices());
        return new Instructions(over.organization().isEmpty() ? base.organization() : over.organization(), strings, practices);
    }

    static Instructions parse(JsonNode root) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException("an instructions file must be a mapping");
        }
        Map<String, String> strings = new HashMap<>();
        root.path("strings").properties().forEach(e -> strings.put(e.getKey(), e.getValue().asText("")));
        Map<String, PracticeText> practices = new HashMap<>();
        for (var e : root.path("practices").properties()) {
            JsonNode p = e.getValue();
            Map<String, String> directions = new HashMap<>();
            p.path("directions").properties().forEach(d -> directions.put(d.getKey(), d.getValue().asText("")));
            practices.put(e.getKey(), new PracticeText(p.path("title").asText(e.getKey()), p.path("description").asText(""),
                    directions, p.hasNonNull("link") ? Optional.of(p.get("link").asText()) : Optional.empty()));
        }
        return new Instructions(root.path("organization").asText(""), strings, practices);
    }
}
