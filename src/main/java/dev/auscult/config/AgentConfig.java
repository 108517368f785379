package dev.auscult.config;

import dev.auscult.config.Branding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.auscult.localapi.LocalApiSettings;
import dev.auscult.localapi.OriginRules;

/**
 * The agent's configuration, {@code config.yaml} (Stethoscope's config keys where they exist): help
 * links, rescan interval, a policy or instructions file. The managed (admin/MDM) file wins key by key
 * over the user's. A broken file is logged and ignored, never fatal.
 */
public record AgentConfig(List<HelpLink> helpLinks, Duration rescanInterval, Optional<Path> policyFile,
                          Optional<Path> instructionsFile, LocalApiSettings localApi, Optional<java.net.URI> backendUrl,
                          ManagedActivationSettings managedActivation, Optional<dev.auscult.sync.JupiterOneUploader.Settings> jupiterOne,
                          Optional<Boolean> hideIconWhileFine, Branding branding, Optional<String> language,
                          dev.auscult.policy.FixRules fixes, List<String> warnings) {

    public record HelpLink(String label, String link) {
    }

    private static final System.Logger LOG = System.getLogger(AgentConfig.class.getName());
    static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    /** Stethoscope's floor: scanning more often than every five minutes only costs battery. */
    static final Duration MIN_INTERVAL = Duration.ofMinutes(5);

    public AgentConfig {
        helpLinks = List.copyOf(helpLinks);
        warnings = List.copyOf(warnings);
    }

    /** Every key config.yaml may have, with the JSON type it must be (so a typo or a wrong type is named). */
    private static final java.util.Map<String, com.fasterxml.jackson.databind.node.JsonNodeType> KEYS = java.util.Map.ofEntries(
            java.util.Map.entry("allowHosts", com.fasterxml.jackson.databind.node.JsonNodeType.ARRAY),
            java.util.Map.entry("hostLabels", com.fasterxml.jackson.databind.node.JsonNodeType.ARRAY),
            java.util.Map.entry("localApi", com.fasterxml.jackson.databind.node.JsonNodeType.OBJECT),
            java.util.Map.entry("menu", com.fasterxml.jackson.databind.node.JsonNodeType.OBJECT),
            java.util.Map.entry("rescanIntervalSeconds", com.fasterxml.jackson.databind.node.JsonNodeType.NUMBER),
            java.util.Map.entry("policyFile", com.fasterxml.jackson.databind.node.JsonNodeType.STRING),
            java.util.Map.entry("instructionsFile", com.fasterxml.jackson.databind.node.JsonNodeType.STRING),
            java.util.Map.entry("backendUrl", com.fasterxml.jackson.databind.node.JsonNodeType.STRING),
            java.util.Map.entry("account", com.fasterxml.jackson.databind.node.JsonNodeType.STRING),
            java.util.Map.entry("ownerEmail", com.fasterxml.jackson.databind.node.JsonNodeType.STRING),
            java.util.Map.entry("activationCode", com.fasterxml.jackson.databind.node.JsonNodeType.STRING),
            java.util.Map.entry("activationCsv", com.fasterxml.jackson.databind.node.JsonNodeType.STRING),
            java.util.Map.entry("jupiterOne", com.fasterxml.jackson.databind.node.JsonNodeType.OBJECT),
            java.util.Map.entry("hideIconWhileFine", com.fasterxml.jackson.databind.node.JsonNodeType.BOOLEAN),
            java.util.Map.entry("organization", com.fasterxml.jackson.databind.node.JsonNodeType.OBJECT),
            java.util.Map.entry("locale", com.fasterxml.jackson.databind.node.JsonNodeType.STRING),
            // true, false or a mapping of practices: checked where it is read
            java.util.Map.entry("fixes", com.fasterxml.jackson.databind.node.JsonNodeType.MISSING),
            // Stethoscope's config.yaml keys Auscult has no use for: accepted silently so migrated files stay quiet
            java.util.Map.entry("policyServer", com.fasterxml.jackson.databind.node.JsonNodeType.MISSING),
            java.util.Map.entry("testHosts", com.fasterxml.jackson.databind.node.JsonNodeType.MISSING),
            java.util.Map.entry("deprecationNotice", com.fasterxml.jackson.databind.node.JsonNodeType.MISSING),
            java.util.Map.entry("autoLaunchPrompt", com.fasterxml.jackson.databind.node.JsonNodeType.MISSING),
            java.util.Map.entry("allowPrerelease", com.fasterxml.jackson.databind.node.JsonNodeType.MISSING),
            java.util.Map.entry("stethoscopeWebURI", com.fasterxml.jackson.databind.node.JsonNodeType.MISSING));

    /** What in a config file is ignored: unknown keys (with the likely intended one) and values of the wrong type. */
    static List<String> problems(Path file, JsonNode n) {
        List<String> out = new ArrayList<>();
        for (var e : n.properties()) {
            var expected = KEYS.get(e.getKey());
            if (expected == null) {
                String near = KEYS.keySet().stream().filter(k -> k.equalsIgnoreCase(e.getKey()) || k.startsWith(e.getKey())
                        || e.getKey().startsWith(k)).findFirst().map(k -> " (did you mean " + k + "?)").orElse("");
                out.add(file + ": unknown key '" + e.getKey() + "' ignored" + near);
            } else if (expected != com.fasterxml.jackson.databind.node.JsonNodeType.MISSING && !e.getValue().isNull()
                    && e.getValue().getNodeType() != expected
                    && !(expected == com.fasterxml.jackson.databind.node.JsonNodeType.STRING && e.getValue().isNumber())) {
                out.add(file + ": '" + e.getKey() + "' must be " + switch (expected) {
                    case ARRAY -> "a list (- item per line)";
                    case OBJECT -> "a mapping";
                    case NUMBER -> "a number";
                    case BOOLEAN -> "true or false";
                    default -> "text";
                } + ", not " + e.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT) + "; ignored");
            }
        }
        return out;
    }

    public static AgentConfig defaults() {
        return new AgentConfig(List.of(), DEFAULT_INTERVAL, Optional.empty(), Optional.empty(),
                LocalApiSettings.defaults(new OriginRules(List.of(), List.of())), Optional.empty(),
                new ManagedActivationSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(),
                Optional.empty(), Branding.NONE, Optional.empty(), dev.auscult.policy.FixRules.ALL, List.of());
    }

    public static AgentConfig load(AppPaths paths) {
        // With -Dauscult.home (tests, portable use) the "managed" directory is one the user made under their own
        // directory: the system's ownership rules cannot apply, and whoever sets JVM options controls the agent anyway.
        return load(paths, System.getProperty("auscult.home") != null ? ManagedFileTrust.anyOwner() : ManagedFileTrust.forThisSystem());
    }

    /** {@link #load(AppPaths)} with the rule for trusting the managed files given (the tests' homes are their own). */
    public static AgentConfig load(AppPaths paths, ManagedFileTrust trust) {
        List<String> warnings = new ArrayList<>();
        Path userFile = paths.configDir().resolve("config.yaml");
        Path managedFile = paths.managedDir().resolve("config.yaml");
        Optional<JsonNode> user = read(userFile, warnings);
        Optional<JsonNode> managed = Optional.empty();
        if (Files.exists(managedFile)) {
            Optional<String> distrust = trust.problem(managedFile);
            if (distrust.isPresent()) {
                warnings.add("the managed configuration " + managedFile + " is ignored: " + distrust.get());
            } else {
                managed = read(managedFile, warnings);
            }
        }
        user.ifPresent(n -> warnings.addAll(problems(userFile, n)));
        Optional<JsonNode> m = managed;
        m.ifPresent(n -> warnings.addAll(problems(managedFile, n)));
        Optional<java.net.URI> backend = managed.flatMap(n -> text(n, "backendUrl")).or(() -> user.flatMap(n -> text(n, "backendUrl")))
                .flatMap(AgentConfig::uri);
        if (backend.isPresent()) {
            try {
                dev.auscult.sync.BackendClient.requireSafe(backend.get());
            } catch (IllegalArgumentException e) {
                warnings.add("backendUrl is not used: " + e.getMessage());
                backend = Optional.empty();
            }
        }
        // the organisation's look is the administrator's to set: from the managed file only
        Branding branding = managed.map(n -> Branding.read(n.get("organization"), managedFile, warnings)).orElse(Branding.NONE);
        if (user.map(n -> n.has("organization")).orElse(false)) {
            warnings.add(userFile + ": 'organization' is set by your administrator's managed configuration only; ignored");
        }
        warnings.forEach(w -> LOG.log(Level.WARNING, w));
        return new AgentConfig(
                managed.flatMap(AgentConfig::help).or(() -> user.flatMap(AgentConfig::help)).orElse(List.of()),
                managed.flatMap(AgentConfig::interval).or(() -> user.flatMap(AgentConfig::interval)).orElse(DEFAULT_INTERVAL),
                managed.flatMap(n -> path(n, "policyFile")).or(() -> user.flatMap(n -> path(n, "policyFile"))),
                managed.flatMap(n -> path(n, "instructionsFile")).or(() -> user.flatMap(n -> path(n, "instructionsFile"))),
                localApi(managed.filter(AgentConfig::hasOrigins).or(() -> user)),
                backend,
                // only an administrator's (managed) file may activate the device silently
                new ManagedActivationSettings(managed.flatMap(n -> codeText(n, "account")), managed.flatMap(n -> text(n, "ownerEmail")),
                        managed.flatMap(n -> codeText(n, "activationCode")), managed.flatMap(n -> path(n, "activationCsv"))),
                managed.flatMap(AgentConfig::jupiterOne),
                // an administrator's choice for the fleet: the tray then offers no toggle of its own
                managed.map(n -> n.get("hideIconWhileFine")).filter(JsonNode::isBoolean).map(JsonNode::asBoolean),
                branding,
                // the person's own file may choose their language; the organisation's wins (a fleet in one language)
                managed.flatMap(n -> text(n, "locale")).or(() -> user.flatMap(n -> text(n, "locale"))),
                // which one-click fixes the fleet allows: the administrator's to say, so the managed file only
                managed.map(n -> fixes(n.get("fixes"), managedFile, warnings)).orElse(dev.auscult.policy.FixRules.ALL),
                warnings);
    }

    /** {@code fixes: false}, {@code true}, or {@code {default: true, firewall: false}}; anything else is named and ignored. */
    static dev.auscult.policy.FixRules fixes(JsonNode n, Path file, List<String> warnings) {
        if (n == null || n.isNull()) {
            return dev.auscult.policy.FixRules.ALL;
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? dev.auscult.policy.FixRules.ALL : dev.auscult.policy.FixRules.NONE;
        }
        if (!n.isObject()) {
            warnings.add(file + ": 'fixes' must be true, false or a mapping of practices to true or false; ignored");
            return dev.auscult.policy.FixRules.ALL;
        }
        boolean otherwise = true;
        java.util.Map<dev.auscult.posture.PracticeId, Boolean> practices = new java.util.EnumMap<>(dev.auscult.posture.PracticeId.class);
        for (var e : n.properties()) {
            if (!e.getValue().isBoolean()) {
                warnings.add(file + ": 'fixes." + e.getKey() + "' must be true or false; ignored");
            } else if (e.getKey().equals("default")) {
                otherwise = e.getValue().asBoolean();
            } else {
                var id = dev.auscult.posture.PracticeId.fromKey(e.getKey());
                if (id.isPresent()) {
                    practices.put(id.get(), e.getValue().asBoolean());
                } else {
                    warnings.add(file + ": 'fixes." + e.getKey() + "' is not a practice; ignored");
                }
            }
        }
        return new dev.auscult.policy.FixRules(otherwise, practices);
    }

    /**
     * A code such as 12345E67 or 0123 is a number to YAML and comes back changed: such values must be
     * quoted, and an unquoted one is refused with a warning rather than used wrongly.
     */
    private static Optional<String> codeText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v != null && v.isNumber()) {
            LOG.log(Level.WARNING, "{0} in the managed config.yaml must be quoted (\"…\"): YAML read it as a number", field);
            return Optional.empty();
        }
        return text(n, field);
    }

    /** jupiterOne: {accountId, apiKeyFile, baseUrl} — managed configuration only (it carries a credential). */
    private static Optional<dev.auscult.sync.JupiterOneUploader.Settings> jupiterOne(JsonNode n) {
        JsonNode j = n.path("jupiterOne");
        Optional<String> account = text(j, "accountId");
        Optional<Path> keyFile = path(j, "apiKeyFile");
        if (account.isEmpty() || keyFile.isEmpty()) {
            return Optional.empty();
        }
        java.net.URI base = text(j, "baseUrl").flatMap(AgentConfig::uri).orElse(dev.auscult.sync.JupiterOneUploader.Settings.DEFAULT_BASE);
        return Optional.of(new dev.auscult.sync.JupiterOneUploader.Settings(base, account.get(), keyFile.get()));
    }

    private static Optional<String> text(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).map(JsonNode::asText).filter(s -> !s.isBlank());
    }

    private static Optional<java.net.URI> uri(String s) {
        try {
            return Optional.of(java.net.URI.create(s.strip()));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "backendUrl {0} is not a URL; ignored", s);
            return Optional.empty();
        }
    }

    private static boolean hasOrigins(JsonNode n) {
        return n.has("allowHosts") || n.has("hostLabels");
    }

    /**
     * Stethoscope's top-level {@code allowHosts} and {@code hostLabels}, plus {@code localApi.port} and
     * {@code localApi.freshnessSeconds}. No origins means the API stays off.
     */
    private static LocalApiSettings localApi(Optional<JsonNode> node) {
        List<String> hosts = new ArrayList<>();
        List<OriginRules.HostLabel> labels = new ArrayList<>();
        int port = LocalApiSettings.DEFAULT_PORT;
        Duration freshness = Duration.ofSeconds(60);
        if (node.isPresent()) {
            JsonNode n = node.get();
            n.path("allowHosts").forEach(h -> hosts.add(h.asText()));
            for (JsonNode l : n.path("hostLabels")) {
                try {
                    labels.add(OriginRules.HostLabel.of(l.path("pattern").asText(), l.path("name").asText("")));
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.WARNING, "hostLabels pattern {0} ignored: {1}", l.path("pattern").asText(), e.getMessage());
                }
            }
            JsonNode api = n.path("localApi");
            if (api.path("port").canConvertToInt() && api.path("port").asInt() > 0 && api.path("port").asInt() < 65536) {
                port = api.path("port").asInt();
            }
            if (api.path("freshnessSeconds").canConvertToLong()) {
                freshness = Duration.ofSeconds(Math.max(0, api.path("freshnessSeconds").asLong()));
            }
        }
        return new LocalApiSettings(port, new OriginRules(hosts, labels), freshness, 60, 64 * 1024);
    }

    private static Optional<JsonNode> read(Path file, List<String> warnings) {
        try {
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
            if (n != null && n.isObject()) {
                return Optional.of(n);
            }
            warnings.add(file + " is not a mapping of settings; ignored");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            warnings.add(file + " could not be read and is ignored: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return Optional.empty();
    }

    private static Optional<List<HelpLink>> help(JsonNode n) {
        JsonNode help = n.path("menu").path("help");
        if (!help.isArray()) {
            return Optional.empty();
        }
        List<HelpLink> out = new ArrayList<>();
        help.forEach(h -> {
            if (h.hasNonNull("label") && h.hasNonNull("link")) {
                out.add(new HelpLink(h.get("label").asText(), h.get("link").asText()));
            }
        });
        return Optional.of(out);
    }

    private static Optional<Duration> interval(JsonNode n) {
        JsonNode v = n.get("rescanIntervalSeconds");
        if (v == null || !v.canConvertToLong()) {
            return Optional.empty();
        }
        Duration d = Duration.ofSeconds(v.asLong());
        return Optional.of(d.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : d);
    }

    private static Optional<Path> path(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).map(JsonNode::asText).filter(s -> !s.isBlank()).map(Path::of);
    }
}
