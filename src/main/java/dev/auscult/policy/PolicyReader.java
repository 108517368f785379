package dev.auscult.policy;

import dev.auscult.posture.PracticeId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates a parsed policy document into a {@link Policy}, collecting every problem with its position.
 * Wrong types of known keys are problems (the policy is refused); keys and forms Auscult does not know are
 * warnings (the rest is evaluated), because policies from Stethoscope forks carry their own extensions and
 * refusing them whole would leave the device unchecked.
 */
final class PolicyReader {

    private static final Map<String, PracticeId> REQUIREMENT_KEYS = Map.of(
            "firewall", PracticeId.FIREWALL,
            "diskEncryption", PracticeId.DISK_ENCRYPTION,
            "automaticUpdates", PracticeId.AUTOMATIC_UPDATES,
            "screenLock", PracticeId.SCREEN_LOCK,
            "remoteLogin", PracticeId.REMOTE_LOGIN,
            "openWifiConnections", PracticeId.OPEN_WIFI_CONNECTIONS,
            "antivirus", PracticeId.ANTIVIRUS,
            "gatekeeper", PracticeId.GATEKEEPER,
            "systemIntegrity", PracticeId.SYSTEM_INTEGRITY);
    /** Pre-3.1 Stethoscope policies listed applications in three lists instead of one with assertions. */
    private static final Map<String, RequirementOption> LEGACY_APP_LISTS = Map.of(
            "requiredApplications", RequirementOption.ALWAYS,
            "bannedApplications", RequirementOption.NEVER,
            "suggestedApplications", RequirementOption.SUGGESTED);
    private static final Set<String> OTHER_KEYS = Set.of("name", "osVersion", "screenIdle", "stethoscopeVersion",
            "agentVersion", "windowsMaxScreenLockTimeout", "applications", "auscult");
    private static final Pattern PLATFORM_KEY = Pattern.compile("[a-z0-9][a-zA-Z0-9._-]*");

    private final String source;
    private final String fallbackName;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    PolicyReader(String source, String fallbackName) {
        this.source = source;
        this.fallbackName = fallbackName;
    }

    Policy read(PolicyNode root) throws PolicyException {
        if (!(root instanceof PolicyNode.MapNode top)) {
            throw new PolicyException(List.of(at(root) + "the policy must be a mapping of practice keys, not " + root.kind()));
        }
        String name = fallbackName;
        Map<PracticeId, RequirementOption> requirements = new EnumMap<>(PracticeId.class);
        Map<String, OsVersionBracket> osVersion = new LinkedHashMap<>();
        Optional<VersionRange> screenIdle = Optional.empty();
        Optional<VersionRange> agentVersion = Optional.empty();
        Optional<VersionRange> stethoscopeVersion = Optional.empty();
        List<ApplicationRequirement> applications = new ArrayList<>();
        List<ApplicationRequirement> antivirusProviders = new ArrayList<>();
        OptionalInt windowsMax = OptionalInt.empty();
        GracePeriods grace = GracePeriods.NONE;
        SignInRules signIn = SignInRules.DEFAULT;
        FixRules fixes = FixRules.ALL;

        for (var entry : top.entries().entrySet()) {
            String key = camelCase(entry.getKey());
            PolicyNode value = entry.getValue();
            if (key.equals("antivirus") && value instanceof PolicyNode.MapNode av) {
                antivirusProviders.addAll(antivirus(av));
            } else if (REQUIREMENT_KEYS.containsKey(key)) {
                requirement(key, value).ifPresent(r -> requirements.put(REQUIREMENT_KEYS.get(key), r));
            } else if (LEGACY_APP_LISTS.containsKey(key)) {
                applications.addAll(applications(key, value, Optional.of(LEGACY_APP_LISTS.get(key))));
            } else {
                switch (key) {
                    case "name" -> name = scalar(key, value).orElse(name);
                    case "osVersion" -> osVersion.putAll(osVersion(value));
                    case "screenIdle" -> screenIdle = range(key, value);
                    case "stethoscopeVersion" -> stethoscopeVersion = range(key, value);
                    case "agentVersion" -> agentVersion = range(key, value);
                    case "windowsMaxScreenLockTimeout" -> windowsMax = positiveInt(key, value);
                    case "applications" -> applications.addAll(applications(key, value, Optional.empty()));
                    case "auscult" -> {
                        grace = extension(value);
                        signIn = signInOf(value);
                        fixes = fixesOf(value);
                    }
                    default -> warning(value, entry.getKey(), "unknown policy key, ignored" + suggestion(key, allKeys())
                            + " (known keys: " + knownKeys() + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new Policy(name, requirements, osVersion, screenIdle, agentVersion, stethoscopeVersion, applications,
                antivirusProviders, windowsMax, warnings, grace, signIn, fixes);
    }

    /** Auscult's own block: {@code auscult: {graceDays: {default: 7, diskEncryption: 14}}}. */
    private GracePeriods extension(PolicyNode value) {
        if (!(value instanceof PolicyNode.MapNode block)) {
            problem(value, "auscult", "must be a mapping (graceDays, signIn, fixes), not " + value.kind());
            return GracePeriods.NONE;
        }
        GracePeriods grace = GracePeriods.NONE;
        for (var e : block.entries().entrySet()) {
            if (e.getKey().equals("graceDays")) {
                grace = graceDays(e.getValue());
            } else if (!e.getKey().equals("signIn") && !e.getKey().equals("fixes")) {
                warning(e.getValue(), "auscult." + e.getKey(), "unknown Auscult policy setting, ignored (known: graceDays, signIn, fixes)");
            }
        }
        return grace;
    }

    /** {@code auscult.fixes}: {@code false}, {@code true}, or a practice key (or default) to true/false. */
    private FixRules fixesOf(PolicyNode value) {
        if (!(value instanceof PolicyNode.MapNode block) || !(block.entries().get("fixes") instanceof PolicyNode node)) {
            return FixRules.ALL;
        }
        if (!(node instanceof PolicyNode.MapNode map)) {
            Optional<Boolean> all = scalar("auscult.fixes", node).flatMap(PolicyReader::yesNo);
            if (all.isEmpty()) {
                problem(node, "auscult.fixes", "must be true, false, or map practice keys (or default) to true or false");
                return FixRules.ALL;
            }
            return all.get() ? FixRules.ALL : FixRules.NONE;
        }
        Map<PracticeId, Boolean> practices = new EnumMap<>(PracticeId.class);
        boolean otherwise = true;
        for (var e : map.entries().entrySet()) {
            String path = "auscult.fixes." + e.getKey();
            Optional<String> text = scalar(path, e.getValue());
            if (text.isEmpty()) {
                continue;
            }
            Optional<Boolean> allowed = yesNo(text.get());
            if (allowed.isEmpty()) {
                problem(e.getValue(), path, "'" + text.get() + "' is not true or false");
            } else if (e.getKey().equals("default")) {
                otherwise = allowed.get();
            } else if (PracticeId.fromKey(e.getKey()).isPresent()) {
                practices.put(PracticeId.fromKey(e.getKey()).get(), allowed.get());
            } else {
                warning(e.getValue(), path, "not a practice key, ignored" + suggestion(e.getKey(), allKeys()));
            }
        }
        return new FixRules(otherwise, practices);
    }

    private static Optional<Boolean> yesNo(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** {@code auscult.signIn}: a mode per practice (or default) and how long a device may go unseen. */
    private SignInRules signInOf(PolicyNode value) {
        if (!(value instanceof PolicyNode.MapNode block) || !(block.entries().get("signIn") instanceof PolicyNode signInNode)) {
            return SignInRules.DEFAULT;
        }
        if (!(signInNode instanceof PolicyNode.MapNode map)) {
            problem(signInNode, "auscult.signIn", "must map practice keys (or default, notSeenHours) to report, warn or block, not " + signInNode.kind());
            return SignInRules.DEFAULT;
        }
        Map<PracticeId, SignInRules.Mode> modes = new EnumMap<>(PracticeId.class);
        SignInRules.Mode otherwise = SignInRules.DEFAULT.otherwise();
        java.time.Duration notSeen = SignInRules.DEFAULT_NOT_SEEN;
        int snoozes = 0;
        SignInRules.Mode hardwareKey = SignInRules.Mode.REPORT;
        for (var e : map.entries().entrySet()) {
            String path = "auscult.signIn." + e.getKey();
            Optional<String> text = scalar(path, e.getValue());
            if (text.isEmpty()) {
                continue;
            }
            if (e.getKey().equals("snoozesPerWeek")) {
                if (!text.get().matches("\\d") || Integer.parseInt(text.get()) > SignInRules.MAX_SNOOZES) {
                    problem(e.getValue(), path, "'" + text.get() + "' is not a number of snoozes from 0 to " + SignInRules.MAX_SNOOZES);
                } else {
                    snoozes = Integer.parseInt(text.get());
                }
                continue;
            }
            if (e.getKey().equals("notSeenHours")) {
                if (!text.get().matches("\\d{1,3}") || Integer.parseInt(text.get()) < 1 || Integer.parseInt(text.get()) > SignInRules.MAX_NOT_SEEN_HOURS) {
                    problem(e.getValue(), path, "'" + text.get() + "' is not a number of hours from 1 to " + SignInRules.MAX_NOT_SEEN_HOURS);
                } else {
                    notSeen = java.time.Duration.ofHours(Integer.parseInt(text.get()));
                }
                continue;
            }
            Optional<SignInRules.Mode> mode = SignInRules.Mode.parse(text.get());
            if (mode.isEmpty()) {
                problem(e.getValue(), path, "'" + text.get() + "' is not report, warn or block");
                continue;
            }
            if (e.getKey().equals("default")) {
                otherwise = mode.get();
            } else if (e.getKey().equals("hardwareKey")) {
                hardwareKey = mode.get();
            } else {
                Optional<PracticeId> id = PracticeId.fromKey(e.getKey());
                if (id.isPresent()) {
                    modes.put(id.get(), mode.get());
                } else {
                    warning(e.getValue(), path, "not a practice key, ignored" + suggestion(e.getKey(), allKeys()));
                }
            }
        }
        return new SignInRules(otherwise, modes, notSeen, snoozes, hardwareKey);
    }

    private GracePeriods graceDays(PolicyNode value) {
        if (!(value instanceof PolicyNode.MapNode map)) {
            problem(value, "auscult.graceDays", "must map practice keys (or default) to a number of days, not " + value.kind());
            return GracePeriods.NONE;
        }
        Map<PracticeId, Integer> days = new EnumMap<>(PracticeId.class);
        OptionalInt otherwise = OptionalInt.empty();
        for (var e : map.entries().entrySet()) {
            String path = "auscult.graceDays." + e.getKey();
            Optional<String> text = scalar(path, e.getValue());
            if (text.isEmpty()) {
                continue;
            }
            if (!text.get().matches("\\d{1,3}") || Integer.parseInt(text.get()) > GracePeriods.MAX_DAYS) {
                problem(e.getValue(), path, "'" + text.get() + "' is not a number of days from 0 to " + GracePeriods.MAX_DAYS);
                continue;
            }
            int d = Integer.parseInt(text.get());
            if (e.getKey().equals("default")) {
                otherwise = OptionalInt.of(d);
            } else {
                Optional<PracticeId> id = PracticeId.fromKey(e.getKey());
                if (id.isPresent()) {
                    days.put(id.get(), d);
                } else {
                    warning(e.getValue(), path, "not a practice key, ignored" + suggestion(e.getKey(), allKeys()));
                }
            }
        }
        return new GracePeriods(days, otherwise);
    }

    private static Set<String> allKeys() {
        Set<String> all = new TreeSet<>(REQUIREMENT_KEYS.keySet());
        all.addAll(OTHER_KEYS);
        all.addAll(LEGACY_APP_LISTS.keySet());
        return all;
    }

    private static String knownKeys() {
        Set<String> all = new TreeSet<>(REQUIREMENT_KEYS.keySet());
        all.addAll(OTHER_KEYS);
        return String.join(", ", all);
    }

    /** " — did you mean firewall?" when a known key is one or two edits away (a typo, not an extension). */
    static String suggestion(String key, Set<String> known) {
        return known.stream().filter(k -> editDistance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= 2)
                .findFirst().map(k -> " — did you mean '" + k + "'?").orElse("");
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    /**
     * A fork's {@code antivirus: {providers: [{name, assertion, platform}]}}: the listed products, each an
     * application entry. Other keys of the mapping are not known and are ignored with a warning.
     */
    private List<ApplicationRequirement> antivirus(PolicyNode.MapNode av) {
        List<ApplicationRequirement> out = new ArrayList<>();
        for (var e : av.entries().entrySet()) {
            if (e.getKey().equals("providers")) {
                out.addAll(applications("antivirus.providers", e.getValue(), Optional.empty()));
            } else {
                warning(e.getValue(), "antivirus." + e.getKey(), "unknown key, ignored (Auscult reads 'providers')");
            }
        }
        if (!av.entries().containsKey("providers")) {
            warning(av, "antivirus", "a mapping without 'providers' says nothing Auscult can check; use ALWAYS, SUGGESTED, IF_SUPPORTED or NEVER");
        }
        return out;
    }

    /** Old policies spell keys with spaces ("os version"); Stethoscope's /policy endpoint camel-cased them. */
    static String camelCase(String key) {
        String[] words = key.strip().split("[\\s_-]+");
        StringBuilder out = new StringBuilder(words[0].isEmpty() ? "" : words[0].substring(0, 1).toLowerCase(Locale.ROOT) + words[0].substring(1));
        for (int i = 1; i < words.length; i++) {
            if (!words[i].isEmpty()) {
                out.append(words[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(words[i].substring(1));
            }
        }
        return out.toString();
    }

    private Optional<RequirementOption> requirement(String key, PolicyNode value) {
        return scalar(key, value).flatMap(text -> {
            Optional<RequirementOption> r = RequirementOption.parse(text);
            if (r.isEmpty()) {
                problem(value, key, "'" + text + "' is not a requirement (use ALWAYS, SUGGESTED, IF_SUPPORTED or NEVER)");
            }
            return r;
        });
    }

    private Optional<VersionRange> range(String key, PolicyNode value) {
        return scalar(key, value).flatMap(text -> {
            Optional<VersionRange> r = VersionRange.parse(text);
            if (r.isEmpty()) {
                problem(value, key, "'" + text + "' is not a version range (examples: \">=14.5\", \"<=120\", \">=1.2 <2\")");
            }
            return r;
        });
    }

    private OptionalInt positiveInt(String key, PolicyNode value) {
        Optional<String> text = scalar(key, value);
        if (text.isPresent() && text.get().matches("\\d{1,9}") && Integer.parseInt(text.get()) > 0) {
            return OptionalInt.of(Integer.parseInt(text.get()));
        }
        text.ifPresent(t -> problem(value, key, "'" + t + "' is not a positive number of seconds"));
        return OptionalInt.empty();
    }

    private Map<String, OsVersionBracket> osVersion(PolicyNode value) {
        Map<String, OsVersionBracket> out = new LinkedHashMap<>();
        if (!(value instanceof PolicyNode.MapNode map)) {
            problem(value, "osVersion", "must be a mapping of platform to {ok, nudge}, not " + value.kind());
            return out;
        }
        for (var e : map.entries().entrySet()) {
            String platform = e.getKey();
            String path = "osVersion." + platform;
            if (!PLATFORM_KEY.matcher(platform).matches()) {
                problem(e.getValue(), path, "'" + platform + "' is not a platform key (darwin, win32, linux, an os-release ID such as ubuntu, or all)");
                continue;
            }
            if (!(e.getValue() instanceof PolicyNode.MapNode bracket)) {
                problem(e.getValue(), path, "must be a mapping with 'ok' and optionally 'nudge', not " + e.getValue().kind());
                continue;
            }
            Optional<VersionRange> ok = Optional.empty();
            Optional<VersionRange> nudge = Optional.empty();
            for (var b : bracket.entries().entrySet()) {
                switch (b.getKey()) {
                    case "ok" -> ok = range(path + ".ok", b.getValue());
                    case "nudge" -> nudge = range(path + ".nudge", b.getValue());
                    default -> warning(b.getValue(), path + "." + b.getKey(), "unknown key, ignored (Auscult reads 'ok' and 'nudge')");
                }
            }
            if (!bracket.entries().containsKey("ok")) {
                problem(bracket, path, "'ok' is required: without it no version could pass");
            }
            ok.ifPresent(o -> out.put(platform, new OsVersionBracket(o, Optional.empty())));
            if (ok.isPresent() && nudge.isPresent()) {
                out.put(platform, new OsVersionBracket(ok.get(), nudge));
            }
        }
        return out;
    }

    private List<ApplicationRequirement> applications(String key, PolicyNode value, Optional<RequirementOption> fixed) {
        List<ApplicationRequirement> out = new ArrayList<>();
        if (!(value instanceof PolicyNode.ListNode list)) {
            problem(value, key, "must be a list of applications, not " + value.kind());
            return out;
        }
        for (int i = 0; i < list.items().size(); i++) {
            application(key + "[" + i + "]", list.items().get(i), fixed).ifPresent(out::add);
        }
        return out;
    }

    private Optional<ApplicationRequirement> application(String path, PolicyNode node, Optional<RequirementOption> fixed) {
        if (!(node instanceof PolicyNode.MapNode app)) {
            problem(node, path, "an application must be a mapping with at least 'name', not " + node.kind());
            return Optional.empty();
        }
        int before = problems.size();
        String name = null;
        RequirementOption assertion = fixed.orElse(null);
        Optional<VersionRange> version = Optional.empty();
        Map<String, VersionRange> platforms = new LinkedHashMap<>();
        boolean all = false;
        boolean platformFilter = false;
        Map<String, String> paths = new LinkedHashMap<>();
        String description = "";
        Optional<String> installFrom = Optional.empty();
        ApplicationRequirement.NameMatch match = ApplicationRequirement.NameMatch.STETHOSCOPE;
        for (var e : app.entries().entrySet()) {
            String k = e.getKey();
            PolicyNode v = e.getValue();
            String p = path + "." + k;
            switch (k) {
                case "name" -> name = scalar(p, v).orElse(null);
                case "assertion" -> assertion = requirement(p, v).orElse(assertion);
                case "version" -> version = range(p, v);
                case "description" -> description = scalar(p, v).orElse("");
                case "installFrom" -> installFrom = scalar(p, v);
                case "match" -> {
                    String m = scalar(p, v).orElse("default");
                    switch (m.toLowerCase(Locale.ROOT)) {
                        case "exact" -> match = ApplicationRequirement.NameMatch.EXACT;
                        case "regex" -> match = ApplicationRequirement.NameMatch.REGEX;
                        case "default" -> match = ApplicationRequirement.NameMatch.STETHOSCOPE;
                        default -> problem(v, p, "'" + m + "' is not a match mode (exact or regex)");
                    }
                }
                case "paths" -> stringMap(p, v).forEach(paths::put);
                case "platform" -> {
                    platformFilter = true;
                    if (v instanceof PolicyNode.MapNode pm) {
                        for (var pe : pm.entries().entrySet()) {
                            if (pe.getKey().equals("all")) {
                                all = scalar(p + ".all", pe.getValue()).map(Boolean::parseBoolean).orElse(false);
                            } else {
                                range(p + "." + pe.getKey(), pe.getValue()).ifPresent(r -> platforms.put(pe.getKey(), r));
                            }
                        }
                    } else {
                        problem(v, p, "must be a mapping of platform to OS version range, not " + v.kind());
                    }
                }
                default -> warning(v, p, "unknown application key, ignored (known: name, assertion, version, platform, paths, description, installFrom, match)");
            }
        }
        if (name == null || name.isBlank()) {
            problem(app, path + ".name", "is required");
        }
        if (assertion == null) {
            problem(app, path + ".assertion", "is required (ALWAYS, SUGGESTED, IF_SUPPORTED or NEVER)");
        }
        if (name != null && match == ApplicationRequirement.NameMatch.REGEX) {
            String regex = name;
            NamePattern.check(regex).ifPresent(why -> problem(app, path + ".name", "'" + regex + "' is not a valid regular expression: " + why));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ApplicationRequirement(name, assertion, version, platforms, all, platformFilter, paths,
                description, installFrom, match));
    }

    private Map<String, String> stringMap(String path, PolicyNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof PolicyNode.MapNode m) {
            m.entries().forEach((k, v) -> scalar(path + "." + k, v).ifPresent(s -> out.put(k, s)));
        } else {
            problem(node, path, "must be a mapping, not " + node.kind());
        }
        return out;
    }

    private Optional<String> scalar(String key, PolicyNode node) {
        if (node instanceof PolicyNode.Scalar s && !s.isNull()) {
            return Optional.of(s.text());
        }
        problem(node, key, "must be a single value, not " + node.kind());
        return Optional.empty();
    }

    private void problem(PolicyNode node, String key, String message) {
        problems.add(at(node) + key + ": " + message);
    }

    private void warning(PolicyNode node, String key, String message) {
        warnings.add(at(node) + key + ": " + message);
    }

    private String at(PolicyNode node) {
        return source + ":" + node.line() + ":" + node.column() + ": ";
    }
}
