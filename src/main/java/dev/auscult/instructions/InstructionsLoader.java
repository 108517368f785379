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
        return bundled("en");
    }

    /**
     * The bundled instructions in a language ("de", "pt-BR"), layered over the English ones so that
     * anything not translated yet reads in English rather than not at all.
     */
    public Instructions bundled(String languageTag) {
        Instructions english = bundledFile("instructions.en.yaml").orElseThrow(
                () -> new IllegalStateException("instructions.en.yaml is missing from the application"));
        if (languageTag.equals("en")) {
            return english;
        }
        return bundledFile("instructions." + languageTag + ".yaml").map(t -> layer(english, t)).orElse(english);
    }

    private Optional<Instructions> bundledFile(String name) {
        try (InputStream in = InstructionsLoader.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(parse(yaml.readTree(in)));
        } catch (IOException e) {
            throw new IllegalStateException("the bundled " + name + " is broken: " + e.getMessage(), e);
        }
    }

    /** The admin's file over the bundled English one; the file's problems are reported, never fatal. */
    public Instructions withOverride(Path file) throws IOException {
        return withOverride(file, "en");
    }

    /**
     * The admin's file over the bundled instructions in a language, and over both the admin's own file
     * for that language when there is one next to it (Stethoscope's structure: {@code instructions.en.yaml},
     * {@code instructions.de.yaml}…; or {@code acme.yaml} with {@code acme.de.yaml}).
     */
    public Instructions withOverride(Path file, String languageTag) throws IOException {
        Instructions merged = layer(bundled(languageTag), parse(yaml.readTree(Files.readString(file))));
        Path translated = inLanguage(file, languageTag);
        if (!translated.equals(file) && Files.isRegularFile(translated)) {
            merged = layer(merged, parse(yaml.readTree(Files.readString(translated))));
        }
        return merged;
    }

    /** {@code instructions.en.yaml} → {@code instructions.de.yaml}; {@code acme.yaml} → {@code acme.de.yaml}. */
    static Path inLanguage(Path file, String languageTag) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
        String ext = name.substring(stem.length());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*)\\.([a-z]{2}(?:-[A-Z]{2})?)$").matcher(stem);
        String base = m.matches() ? m.group(1) : stem;
        return file.resolveSibling(base + "." + languageTag + (ext.isEmpty() ? ".yaml" : ext));
    }

    private static Instructions layer(Instructions base, Instructions over) {
        Map<String, String> strings = new HashMap<>(base.strings());
        strings.putAll(over.strings());
        Map<String, PracticeText> practices = new HashMap<>(base.practices());
        over.practices().forEach((key, text) -> practices.merge(key, text, (b, o) -> layer(key, b, o)));
        return new Instructions(over.organization().isEmpty() ? base.organization() : over.organization(), strings, practices);
    }

    /** A practice's text field by field: a translation that gives only a title keeps the base's directions. */
    private static PracticeText layer(String key, PracticeText base, PracticeText over) {
        Map<String, String> directions = new HashMap<>(base.directions());
        directions.putAll(over.directions());
        // a file without a title for the practice reads as its key (parse): keep the base's title then
        return new PracticeText(over.title().equals(key) ? base.title() : over.title(), over.description().isEmpty() ? base.description() : over.description(), directions,
                over.link().or(base::link));
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
