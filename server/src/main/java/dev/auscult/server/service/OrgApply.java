package dev.auscult.server.service;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Settings;
import dev.auscult.server.store.PolicyVersion;
import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.policy.PolicyException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An account's configuration kept as a file (in git, as fleetctl gitops does): its settings, the policy per group and
 * the administrators' single sign-on. {@link #plan} compares the file with what is in force and says what would change;
 * applying the plan makes exactly those changes, each audited; applying the same file again changes nothing.
 *
 * <pre>
 * settings: {displayName: Acme, publicUrl: https://auscult.acme.example, accentColour: "#1f6feb"}
 * policies:
 *   everyone: policies/default.yaml     # a file next to this one, or the policy's text
 *   groups: {engineering: policies/engineering.yaml}
 * sso:
 *   issuer: https://sso.acme.example/realms/acme
 *   clientId: auscult-console
 *   clientSecretEnv: AUSCULT_SSO_SECRET  # the secret itself never goes into the file
 *   groupsClaim: groups
 *   mappings: {auscult-owners: owner, it-helpdesk: helpdesk}
 *   passwordOwnersOnly: true
 * </pre>
 */
public final class OrgApply {

    /** One change the file asks for: what it is, in words, and how it is made. */
    public record Change(String what, Step step) {
    }

    /** Makes one change; the actor is who applies ("cli:root"). */
    @FunctionalInterface
    public interface Step {
        void apply(Actor actor) throws PolicyException;
    }

    private static final Set<String> TOP = Set.of("settings", "policies", "sso");
    private static final Set<String> SETTINGS = Set.of("displayName", "accentColour", "logoUrl", "publicUrl", "mailIntro", "downloads");
    private static final Set<String> SSO = Set.of("issuer", "clientId", "clientSecretEnv", "groupsClaim", "mappings", "passwordOwnersOnly");

    private final Policies policies;
    private final AccountSettings settings;
    private final AdminSso sso;

    public OrgApply(Policies policies, AccountSettings settings, AdminSso sso) {
        this.policies = policies;
        this.settings = settings;
        this.sso = sso;
    }

    /**
     * What applying the document would change. {@code files} reads a policy named by path (relative to the document);
     * {@code env} gives secrets named by the document. Refuses, naming the key, anything it does not understand.
     */
    public List<Change> plan(Account account, JsonNode doc, Function<String, Optional<String>> files, Map<String, String> env) throws PolicyException {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("the file must be a mapping with settings, policies and/or sso");
        }
        known(doc, TOP, "");
        List<Change> changes = new ArrayList<>();
        if (doc.has("settings")) {
            settingsChanges(account, doc.get("settings"), changes);
        }
        if (doc.has("policies")) {
            JsonNode p = doc.get("policies");
            known(p, Set.of("everyone", "groups"), "policies.");
            if (p.has("everyone")) {
                policyChange(account, Optional.empty(), text(p.get("everyone"), files, "policies.everyone"), changes);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("groups").properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> g = it.next();
                policyChange(account, Optional.of(g.getKey()), text(g.getValue(), files, "policies.groups." + g.getKey()), changes);
            }
        }
        if (doc.has("sso")) {
            ssoChange(account, doc.get("sso"), env, changes);
        }
        return List.copyOf(changes);
    }

    private static void known(JsonNode node, Set<String> keys, String prefix) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(prefix.isEmpty() ? "the file must be a mapping" : prefix.substring(0, prefix.length() - 1) + " must be a mapping");
        }
        node.properties().forEach(e -> {
            if (!keys.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown key " + prefix + e.getKey() + " (known: " + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        });
    }

    private static String text(JsonNode value, Function<String, Optional<String>> files, String key) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(key + " must be a policy file's path or the policy's text");
        }
        String v = value.asText();
        if (!v.contains("\n") && v.matches(".*\\.(ya?ml|json)")) {
            return files.apply(v).orElseThrow(() -> new IllegalArgumentException(key + ": the file " + v + " cannot be read"));
        }
        return v;
    }

    private void policyChange(Account account, Optional<String> group, String text, List<Change> changes) throws PolicyException {
        policies.validate(group.map(g -> "policies.groups." + g).orElse("policies.everyone"), text);   // refused before anything changes
        String groupKey = group.orElse(Policies.EVERYONE);
        Integer inForce = policies.assignments(account).get(groupKey);
        Optional<String> current = inForce == null ? Optional.empty() : policies.versions(account).stream().filter(v -> v.version() == inForce)
                .findFirst().flatMap(PolicyVersion::sourceText);
        if (current.map(OrgApply::normalised).filter(normalised(text)::equals).isPresent()) {
            return;
        }
        String who = group.map(g -> "group " + g).orElse("everyone");
        changes.add(new Change("publish the policy for " + who + (inForce == null ? " (none in force)" : " (replacing version " + inForce + ")"),
                actor -> policies.publish(account, group, "apply", text, actor)));
    }

    private static String normalised(String text) {
        return text.replace("\r\n", "\n").strip();
    }

    private void settingsChanges(Account account, JsonNode node, List<Change> changes) {
        known(node, SETTINGS, "settings.");
        JsonNode downloads = node.path("downloads");
        if (!downloads.isMissingNode()) {
            known(downloads, Set.of("macos", "windows", "linux"), "settings.downloads.");
        }
        Settings now = settings.get(account);
        Settings wanted = new Settings(field(node, "displayName", now.displayName()), field(node, "accentColour", now.accentColour()),
                field(node, "logoUrl", now.logoUrl()), field(downloads, "macos", now.downloadMacos()), field(downloads, "windows", now.downloadWindows()),
                field(downloads, "linux", now.downloadLinux()), field(node, "mailIntro", now.mailIntro()), field(node, "publicUrl", now.publicUrl()));
        if (wanted.equals(now)) {
            return;
        }
        List<String> which = new ArrayList<>();
        String[] names = {"displayName", "accentColour", "logoUrl", "downloads.macos", "downloads.windows", "downloads.linux", "mailIntro", "publicUrl"};
        var a = now.getClass().getRecordComponents();
        for (int i = 0; i < a.length; i++) {
            try {
                if (!a[i].getAccessor().invoke(now).equals(a[i].getAccessor().invoke(wanted))) {
                    which.add(names[i] + ": " + show(a[i].getAccessor().invoke(now)) + " → " + show(a[i].getAccessor().invoke(wanted)));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        changes.add(new Change("settings: " + String.join("; ", which), actor -> settings.save(account, wanted, actor)));
    }

    private static String show(Object optional) {
        return ((Optional<?>) optional).map(v -> "\"" + v + "\"").orElse("(none)");
    }

    private static Optional<String> field(JsonNode node, String key, Optional<String> current) {
        JsonNode v = node.path(key);
        return v.isMissingNode() ? current : Optional.of(v.asText("")).map(String::strip).filter(s -> !s.isEmpty());
    }

    private void ssoChange(Account account, JsonNode node, Map<String, String> env, List<Change> changes) {
        known(node, SSO, "sso.");
        String issuer = node.path("issuer").asText("");
        String clientId = node.path("clientId").asText("");
        String claim = node.path("groupsClaim").asText("groups");
        boolean ownersOnly = node.path("passwordOwnersOnly").asBoolean(false);
        StringBuilder mappings = new StringBuilder();
        node.path("mappings").properties().forEach(e -> mappings.append(e.getKey()).append('=').append(e.getValue().asText()).append('\n'));
        Optional<String> secret = Optional.ofNullable(node.path("clientSecretEnv").textValue()).map(name -> Optional.ofNullable(env.get(name))
                .filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException("sso.clientSecretEnv names " + name + ", which is not set")));
        Optional<AdminSso.Config> now = sso.find(account);
        List<AdminSso.Mapping> wantedMappings = AdminSso.parseMappings(mappings.toString());
        AdminSso.checkIssuer(issuer.replaceAll("/+$", ""));
        boolean same = now.isPresent() && now.get().issuer().equals(issuer.replaceAll("/+$", "")) && now.get().clientId().equals(clientId)
                && now.get().groupsClaim().equals(claim) && now.get().mappings().equals(wantedMappings) && now.get().passwordOwnersOnly() == ownersOnly
                && secret.map(sec -> sec.equals(sso.clientSecret(account))).orElse(true);
        if (same) {
            return;
        }
        changes.add(new Change((now.isEmpty() ? "set up" : "change") + " single sign-on through " + issuer + " (client " + clientId + ", "
                + wantedMappings.size() + " group mapping" + (wantedMappings.size() == 1 ? "" : "s") + ", password sign-in "
                + (ownersOnly ? "for owners only" : "for everyone") + ")",
                actor -> sso.save(account, issuer, clientId, secret, claim, mappings.toString(), ownersOnly, actor)));
    }
}
