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
import org.jdbi.v3.core.Jdbi;

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

    /** {@code sourceText}: the text as written (versions published before it was kept have only the document). */
    public record Version(int version, String name, String sourceName, String document, Instant createdAt, String createdBy,
                          Optional<String> sourceText) {
    }

    public record ForDevice(String version, String document) {
    }

    private final Jdbi jdbi;
    private final People people;
    private final Audit audit;
    private final Clock clock;
    private final PolicyLoader loader = new PolicyLoader();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper json = new ObjectMapper();

    public Policies(Jdbi jdbi, People people, Audit audit, Clock clock) {
        this.jdbi = jdbi;
        this.people = people;
        this.audit = audit;
        this.clock = clock;
    }

    /** Validates; throws the agent loader's located problems when the policy is not valid. */
    public Policy validate(String sourceName, String text) throws PolicyException {
        return loader.parse(sourceName, text, sourceName.replaceFirst("\\.(ya?ml|json)$", ""));
    }

    /** Stores a new version and assigns it to the group (or everyone). Agents receive it as JSON. */
    public Published publish(String accountId, Optional<String> group, String sourceName, String text, Actor by) throws PolicyException {
        by.require(Role.Permission.POLICY, accountId);
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
        int version = jdbi.inTransaction(h -> {
            int v = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM policies WHERE account_id = :a").bind("a", accountId)
                    .mapTo(Integer.class).one();
            h.createUpdate("INSERT INTO policies (account_id, version, name, source_name, document, created_at, created_by, source_text) "
                            + "VALUES (:a, :v, :n, :s, :d, :now, :by, :text)")
                    .bind("a", accountId).bind("v", v).bind("n", policy.name()).bind("s", sourceName).bind("d", document)
                    .bind("now", now).bind("by", actor).bind("text", text.replace("\r\n", "\n")).execute();
            assign(h, accountId, g, v, now);
            audit.record(Optional.of(accountId), actor, "policy.publish", "published version " + v + " (" + policy.name() + ") to "
                    + (g.isEmpty() ? "everyone" : "group " + g) + (policy.warnings().isEmpty() ? "" : "; " + policy.warnings().size() + " warnings"));
            return v;
        });
        boolean emptyGroup = !g.isEmpty() && people.all(accountId).stream().noneMatch(p -> p.active() && p.group().filter(g::equals).isPresent());
        return new Published(version, policy.name(), policy.warnings(), emptyGroup);
    }

    /** Puts an earlier version back in force for the group (or everyone). */
    public void rollback(String accountId, Optional<String> group, int version, Actor by) {
        by.require(Role.Permission.POLICY, accountId);
        String actor = by.audited();
        String g = group.map(String::strip).filter(s -> !s.isEmpty()).orElse(EVERYONE);
        jdbi.useTransaction(h -> {
            if (h.createQuery("SELECT count(*) FROM policies WHERE account_id = :a AND version = :v").bind("a", accountId).bind("v", version)
                    .mapTo(Integer.class).one() == 0) {
                throw new IllegalArgumentException("account " + accountId + " has no policy version " + version);
            }
            assign(h, accountId, g, version, clock.instant());
            audit.record(Optional.of(accountId), actor, "policy.rollback", "version " + version + " back in force for "
                    + (g.isEmpty() ? "everyone" : "group " + g));
        });
    }

    private static void assign(org.jdbi.v3.core.Handle h, String accountId, String group, int version, Instant now) {
        h.createUpdate("DELETE FROM policy_assignments WHERE account_id = :a AND group_name = :g").bind("a", accountId).bind("g", group).execute();
        h.createUpdate("INSERT INTO policy_assignments (account_id, group_name, version, assigned_at) VALUES (:a, :g, :v, :now)")
                .bind("a", accountId).bind("g", group).bind("v", version).bind("now", now).execute();
    }

    /** The policy in force for a device's owner: their group's, else the account's; empty when none was published. */
    public Optional<ForDevice> forOwner(String accountId, String ownerEmail) {
        return jdbi.withHandle(h -> {
            Optional<String> group = people.groupOf(h, accountId, ownerEmail);
            Optional<Integer> v = group.flatMap(g -> h.createQuery("SELECT version FROM policy_assignments WHERE account_id = :a AND group_name = :g")
                            .bind("a", accountId).bind("g", g).mapTo(Integer.class).findOne())
                    .or(() -> h.createQuery("SELECT version FROM policy_assignments WHERE account_id = :a AND group_name = :g")
                            .bind("a", accountId).bind("g", EVERYONE).mapTo(Integer.class).findOne());
            return v.flatMap(version -> h.createQuery("SELECT document FROM policies WHERE account_id = :a AND version = :v")
                    .bind("a", accountId).bind("v", version).mapTo(String.class).findOne()
                    .map(doc -> new ForDevice(String.valueOf(version), doc)));
        });
    }

    public List<Version> versions(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT version, name, source_name, document, created_at, created_by, source_text FROM policies "
                        + "WHERE account_id = :a ORDER BY version DESC").bind("a", accountId)
                .map((rs, ctx) -> new Version(rs.getInt("version"), rs.getString("name"), rs.getString("source_name"), rs.getString("document"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), Optional.ofNullable(rs.getString("source_text")))).list());
    }

    /** Group → version in force ("" is everyone). */
    public java.util.Map<String, Integer> assignments(String accountId) {
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT group_name, version FROM policy_assignments WHERE account_id = :a").bind("a", accountId)
                .map((rs, ctx) -> java.util.Map.entry(rs.getString("group_name"), rs.getInt("version"))).forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }
}
