package dev.auscult.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyException;
import dev.auscult.policy.PolicyLoader;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.PolicyStore;
import dev.auscult.server.store.PolicyVersion;
import dev.auscult.server.store.Tx;

/**
 * Stethoscope policies per account: validated with the agent's own loader (so an error is reported at
 * file:line:column exactly as the agent would), versioned, published to everyone or to a group, rolled
 * back by publishing an earlier version again. Devices receive the version assigned to their owner's
 * group, else the account's.
 */
public final class Policies {

    /** The whole account's assignment; group names are never empty. */
    public static final String EVERYONE = "";

    /** {@code emptyGroup}: published to a group no one in People belongs to yet (it waits for its first member). */
    public record Published(int version, String name, List<String> warnings, boolean emptyGroup) {
    }

    public record ForDevice(String version, String document) {
    }

    private final Tx tx;
    private final People people;
    private final Audit audit;
    private final Clock clock;
    private final PolicyLoader loader = new PolicyLoader();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper json = new ObjectMapper();
    /** YAML as a person writes it: no document marker, quotes only where needed. */
    private final ObjectMapper asWritten = new ObjectMapper(new YAMLFactory().disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES));

    public Policies(Tx tx, People people, Audit audit, Clock clock) {
        this.tx = tx;
        this.people = people;
        this.audit = audit;
        this.clock = clock;
    }

    /** Validates; throws the agent loader's located problems when the policy is not valid. */
    public Policy validate(String sourceName, String text) throws PolicyException {
        return loader.parse(sourceName, text, sourceName.replaceFirst("\\.(ya?ml|json)$", ""));
    }

    /** Stores a new version and assigns it to the group (or everyone). Agents receive it as JSON. */
    public Published publish(Account account, Optional<String> group, String sourceName, String text, Actor by) throws PolicyException {
        by.require(Role.Permission.POLICY, account.id());
        String actor = by.audited();
        Policy policy = validate(sourceName, text);
        String document;
        try {
            JsonNode tree = text.stripLeading().startsWith("{") ? json.readTree(text) : yaml.readTree(text);
            document = json.writeValueAsString(tree);
        } catch (java.io.IOException e) {
            throw new PolicyException(List.of(sourceName + ": " + e.getMessage()));
        }
        String g = group.map(String::strip).filter(s -> !s.isEmpty()).orElse(EVERYONE);
        Instant now = clock.instant();
        int version = tx.run(s -> {
            int v = s.policies().add(account, new PolicyStore.NewVersion(policy.name(), sourceName, document, text.replace("\r\n", "\n"), actor, now));
            s.policies().assign(account, g, v, now);
            audit.record(Optional.of(account.id()), actor, "policy.publish", "published version " + v + " (" + policy.name() + ") to "
                    + (g.isEmpty() ? "everyone" : "group " + g) + (policy.warnings().isEmpty() ? "" : "; " + policy.warnings().size() + " warnings"));
            return v;
        });
        boolean emptyGroup = !g.isEmpty() && people.all(account).stream().noneMatch(p -> p.active() && p.group().filter(g::equals).isPresent());
        return new Published(version, policy.name(), policy.warnings(), emptyGroup);
    }

    /** Puts an earlier version back in force for the group (or everyone). */
    public void rollback(Account account, Optional<String> group, int version, Actor by) {
        by.require(Role.Permission.POLICY, account.id());
        String actor = by.audited();
        String g = group.map(String::strip).filter(s -> !s.isEmpty()).orElse(EVERYONE);
        tx.use(s -> {
            if (!s.policies().exists(account, version)) {
                throw new IllegalArgumentException("account " + account.id() + " has no policy version " + version);
            }
            s.policies().assign(account, g, version, clock.instant());
            audit.record(Optional.of(account.id()), actor, "policy.rollback", "version " + version + " back in force for "
                    + (g.isEmpty() ? "everyone" : "group " + g));
        });
    }

    /** The policy in force for a device's owner: their group's, else the account's; empty when none was published. */
    public Optional<ForDevice> forOwner(Account account, String ownerEmail) {
        Optional<String> group = people.groupOf(account, ownerEmail);
        return tx.read(s -> group.flatMap(g -> s.policies().assigned(account, g)).or(() -> s.policies().assigned(account, EVERYONE))
                .flatMap(version -> s.policies().document(account, version).map(doc -> new ForDevice(String.valueOf(version), doc))));
    }

    public List<PolicyVersion> versions(Account account) {
        return tx.read(s -> s.policies().versions(account));
    }

    /** The policy in force for everyone as its author wrote it (versions published before the text was kept: as YAML from the stored JSON). */
    public String textInForce(Account account) {
        Integer v = assignments(account).get(EVERYONE);
        return versions(account).stream().filter(x -> v != null && x.version() == v).findFirst()
                .map(x -> x.sourceText().orElseGet(() -> {
                    try {
                        return asWritten.writeValueAsString(json.readTree(x.document()));
                    } catch (java.io.IOException e) {
                        return x.document();
                    }
                })).orElse("");
    }

    /** Auscult's bundled default policy, comments and all: a starting point for an organisation's first one. */
    public static String bundledText() {
        try (java.io.InputStream in = PolicyLoader.class.getResourceAsStream("default-policy.yaml")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Group → version in force ("" is everyone). */
    public java.util.Map<String, Integer> assignments(Account account) {
        return tx.read(s -> s.policies().assignments(account));
    }
}
