package dev.auscult.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which controls each practice's evidence supports (the bundled controls.yaml): CIS Controls v8
 * safeguards, ISO/IEC 27001:2022 Annex A, SOC 2 Trust Services Criteria, and per-OS CIS Benchmark
 * recommendations where their numbers could be checked. Identifiers only, never the controls' texts.
 */
public final class ControlCatalog {

    /** A framework a pack can be mapped to, e.g. {@code cis}. */
    public record Framework(String key, String name, String source) {
    }

    /** One control a practice supports: the framework's key (or a platform's benchmark), its identifier, and why. */
    public record Control(String framework, String id, String why) {
    }

    /** The frameworks a user can choose with {@code --controls}, in their documented order. */
    public static final List<String> FRAMEWORKS = List.of("cis", "iso27001", "soc2");

    private final Map<String, Framework> frameworks;
    private final Map<OsPlatform, String> benchmarks;
    private final Map<PracticeId, String> names;
    private final Map<PracticeId, Map<String, List<Control>>> controls;

    private ControlCatalog(Map<String, Framework> frameworks, Map<OsPlatform, String> benchmarks, Map<PracticeId, String> names,
                           Map<PracticeId, Map<String, List<Control>>> controls) {
        this.frameworks = frameworks;
        this.benchmarks = benchmarks;
        this.names = names;
        this.controls = controls;
    }

    public static ControlCatalog bundled() {
        try (InputStream in = ControlCatalog.class.getResourceAsStream("controls.yaml")) {
            if (in == null) {
                throw new IllegalStateException("controls.yaml is missing from the application");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled controls.yaml", e);
        }
    }

    static ControlCatalog parse(JsonNode root) {
        Map<String, Framework> frameworks = new LinkedHashMap<>();
        for (String key : FRAMEWORKS) {
            JsonNode f = root.path("frameworks").path(key);
            frameworks.put(key, new Framework(key, f.path("name").asText(key), f.path("source").asText("")));
        }
        Map<OsPlatform, String> benchmarks = new EnumMap<>(OsPlatform.class);
        root.path("benchmarks").properties().forEach(e -> OsPlatform.fromKey(e.getKey())
                .ifPresent(p -> benchmarks.put(p, e.getValue().path("name").asText())));
        Map<PracticeId, String> names = new EnumMap<>(PracticeId.class);
        Map<PracticeId, Map<String, List<Control>>> controls = new EnumMap<>(PracticeId.class);
        root.path("practices").properties().forEach(e -> {
            PracticeId id = PracticeId.fromKey(e.getKey())
                    .orElseThrow(() -> new IllegalStateException("controls.yaml names an unknown practice " + e.getKey()));
            names.put(id, e.getValue().path("name").asText(id.key()));
            Map<String, List<Control>> byFramework = new LinkedHashMap<>();
            e.getValue().properties().forEach(f -> {
                if (f.getValue().isArray()) {
                    List<Control> list = new ArrayList<>();
                    f.getValue().forEach(c -> list.add(new Control(f.getKey(), c.path("id").asText(), c.path("why").asText(""))));
                    byFramework.put(f.getKey(), List.copyOf(list));
                }
            });
            controls.put(id, byFramework);
        });
        return new ControlCatalog(frameworks, benchmarks, names, controls);
    }

    public List<Framework> frameworks() {
        return List.copyOf(frameworks.values());
    }

    /** The name of the CIS Benchmark mapped for the platform, if any is. */
    public Optional<String> benchmark(OsPlatform platform) {
        return Optional.ofNullable(benchmarks.get(platform));
    }

    /** The practice's name as people say it ("Disk encryption"). */
    public String name(PracticeId practice) {
        return names.getOrDefault(practice, practice.key());
    }

    /**
     * The controls the practice supports in the chosen frameworks; with {@code cis} chosen, the platform's
     * CIS Benchmark recommendations too (framework key = the platform's key).
     */
    public List<Control> controls(PracticeId practice, OsPlatform platform, Set<String> chosen) {
        Map<String, List<Control>> byFramework = controls.getOrDefault(practice, Map.of());
        List<Control> out = new ArrayList<>();
        for (String key : FRAMEWORKS) {
            if (chosen.contains(key)) {
                out.addAll(byFramework.getOrDefault(key, List.of()));
            }
        }
        if (chosen.contains("cis")) {
            out.addAll(byFramework.getOrDefault(platform.key(), List.of()));
        }
        return List.copyOf(out);
    }
}
