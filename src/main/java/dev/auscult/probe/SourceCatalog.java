package dev.auscult.probe;

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
    private final java.util.Set<String> personal;

    public SourceCatalog(Map<String, SourceSpec> specs) {
        this(specs, Map.of());
    }

    public SourceCatalog(Map<String, SourceSpec> specs, Map<String, java.time.Duration> cacheFor) {
        this(specs, cacheFor, java.util.Set.of());
    }

    public SourceCatalog(Map<String, SourceSpec> specs, Map<String, java.time.Duration> cacheFor, java.util.Set<String> personal) {
        this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
        this.cacheFor = Map.copyOf(cacheFor);
        this.personal = java.util.Set.copyOf(personal);
    }

    /** Whether the source's content goes beyond what the organisation's backend receives (sources.yaml 'personal'). */
    public boolean isPersonal(String id) {
        return personal.contains(id);
    }

    public static SourceCatalog bundled() {
        try (InputStream in = SourceCatalog.class.getResourceAsStream("sources.yaml")) {
            if (in == null) {
                throw new IllegalStateException("sources.yaml is missing from the application");
            }
            return parse(PlainTree.read(new YAMLFactory(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled sources.yaml", e);
        }
    }

    /** @param root the catalogue as plain maps: platform → source ID → its fields */
    static SourceCatalog parse(Object root) {
        Map<String, SourceSpec> specs = new LinkedHashMap<>();
        Map<String, java.time.Duration> cache = new LinkedHashMap<>();
        java.util.Set<String> personal = new java.util.HashSet<>();
        for (var platform : map(root, "the catalogue").values()) {
            for (var entry : map(platform, "a platform").entrySet()) {
                String id = entry.getKey();
                Map<String, Object> n = map(entry.getValue(), id);
                String kind = text(n, "kind");
                SourceSpec spec = switch (kind) {
                    case "command" -> new SourceSpec.Command(id, strings(n.get("argv")));
                    case "powershell" -> new SourceSpec.PowerShell(id, text(n, "script"));
                    case "file" -> new SourceSpec.File(id, text(n, "path"), Optional.ofNullable((String) n.get("fallback")));
                    case "env" -> new SourceSpec.Env(id, text(n, "name"));
                    case "exists" -> new SourceSpec.Exists(id, text(n, "path"));
                    case "files" -> new SourceSpec.Files(id, strings(n.get("paths")));
                    default -> throw new IllegalStateException("source " + id + " has unknown kind '" + kind + "'");
                };
                specs.put(id, spec);
                if ("true".equals(n.get("personal"))) {
                    personal.add(id);
                }
                if (n.get("cache") instanceof String seconds) {
                    cache.put(id, java.time.Duration.ofSeconds(Long.parseLong(seconds)));
                }
            }
        }
        return new SourceCatalog(specs, cache, personal);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalStateException(what + " in sources.yaml is not a mapping");
    }

    private static String text(Map<String, Object> n, String field) {
        return n.get(field) instanceof String s ? s : "";
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            l.forEach(e -> out.add(String.valueOf(e)));
        }
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
