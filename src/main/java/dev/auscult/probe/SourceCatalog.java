package dev.auscult.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The evidence sources a live scan may read, keyed by their stable IDs (the bundled sources.yaml). */
public final class SourceCatalog {

    private final Map<String, SourceSpec> specs;
    private final Map<String, java.time.Duration> cacheFor;

    public SourceCatalog(Map<String, SourceSpec> specs) {
        this(specs, Map.of());
    }

    public SourceCatalog(Map<String, SourceSpec> specs, Map<String, java.time.Duration> cacheFor) {
        this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
        this.cacheFor = Map.copyOf(cacheFor);
    }

    public static SourceCatalog bundled() {
        try (InputStream in = SourceCatalog.class.getResourceAsStream("sources.yaml")) {
            if (in == null) {
                throw new IllegalStateException("sources.yaml is missing from the application");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled sources.yaml", e);
        }
    }

    static SourceCatalog parse(JsonNode root) {
        Map<String, SourceSpec> specs = new LinkedHashMap<>();
        Map<String, java.time.Duration> cache = new LinkedHashMap<>();
        root.properties().forEach(platform -> platform.getValue().properties().forEach(entry -> {
            String id = entry.getKey();
            JsonNode n = entry.getValue();
            String kind = n.path("kind").asText();
            SourceSpec spec = switch (kind) {
                case "command" -> new SourceSpec.Command(id, strings(n.path("argv")));
                case "powershell" -> new SourceSpec.PowerShell(id, n.path("script").asText());
                case "file" -> new SourceSpec.File(id, n.path("path").asText(),
                        n.hasNonNull("fallback") ? Optional.of(n.get("fallback").asText()) : Optional.empty());
                case "env" -> new SourceSpec.Env(id, n.path("name").asText());
                default -> throw new IllegalStateException("source " + id + " has unknown kind '" + kind + "'");
            };
            specs.put(id, spec);
            if (n.hasNonNull("cache")) {
                cache.put(id, java.time.Duration.ofSeconds(n.get("cache").asLong()));
            }
        }));
        return new SourceCatalog(specs, cache);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    public Optional<SourceSpec> find(String id) {
        return Optional.ofNullable(specs.get(id));
    }

    public SourceSpec require(String id) {
        SourceSpec spec = specs.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("no evidence source with id " + id);
        }
        return spec;
    }

    /** How long a reading of this source may be reused across scans, if at all. */
    public Optional<java.time.Duration> cacheFor(String id) {
        return Optional.ofNullable(cacheFor.get(id));
    }

    public Map<String, SourceSpec> all() {
        return specs;
    }
}
