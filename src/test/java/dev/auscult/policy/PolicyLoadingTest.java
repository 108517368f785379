package dev.auscult.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.Fixtures;
import dev.auscult.posture.PracticeId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stethoscope policies load verbatim; broken ones give file:line:column errors and never crash. */
class PolicyLoadingTest {

    private final PolicyLoader loader = new PolicyLoader();

    @Test
    void loadsStethoscopesDefaultPolicyVerbatim() throws Exception {
        Policy p = loader.parse("policy.yaml", Fixtures.text("policies/stethoscope-default-policy.yaml"), "policy");
        assertEquals(RequirementOption.ALWAYS, p.requirements().get(PracticeId.FIREWALL));
        assertEquals(RequirementOption.SUGGESTED, p.requirements().get(PracticeId.AUTOMATIC_UPDATES));
        assertEquals(RequirementOption.IF_SUPPORTED, p.requirements().get(PracticeId.SCREEN_LOCK));
        assertEquals(RequirementOption.NEVER, p.requirements().get(PracticeId.REMOTE_LOGIN));
        assertEquals(RequirementOption.SUGGESTED, p.requirements().get(PracticeId.OPEN_WIFI_CONNECTIONS));
        assertEquals("<=120", p.screenIdle().orElseThrow().text());
        assertEquals(">=10.0.19043", p.osVersion().get("win32").ok().text());
        assertEquals(">=10.0.10240", p.osVersion().get("awsWorkspace").nudge().orElseThrow().text());
        assertEquals(java.util.Set.of("darwin", "win32", "awsWorkspace", "ubuntu", "linux"), p.osVersion().keySet());
    }

    @Test
    void loadsTheDocumentedJsonPolicyWithApplicationsAndAgentVersion() throws Exception {
        Policy p = loader.parse("policy.json", Fixtures.text("policies/stethoscope-graphql-example.json"), "policy");
        assertEquals(">=1.0.0", p.stethoscopeVersion().orElseThrow().text());
        assertTrue(p.agentVersion().isEmpty(), "stethoscopeVersion is not Auscult's own version");
        assertEquals(5, p.applications().size());
        ApplicationRequirement tv = p.applications().get(2);
        assertEquals("TV", tv.name());
        assertEquals("/System/Applications", tv.paths().get("darwin"));
        assertEquals(">=10.15.0", tv.platforms().get("darwin").text());
        assertEquals(java.util.OptionalInt.of(600), p.windowsMaxScreenLockTimeout());
    }

    @Test
    void acceptsLegacySpellingsAndApplicationLists() throws Exception {
        Policy p = loader.parse("old.yaml", """
                os version:
                  darwin: {ok: ">=10.13.4", nudge: ">=10.12.6"}
                disk encryption: Always
                screenLock: if supported
                Firewall: always
                requiredApplications:
                  - name: Slack
                bannedApplications:
                  - name: uTorrent
                """, "old");
        assertEquals(RequirementOption.ALWAYS, p.requirements().get(PracticeId.DISK_ENCRYPTION));
        assertEquals(RequirementOption.ALWAYS, p.requirements().get(PracticeId.FIREWALL));
        assertEquals(RequirementOption.IF_SUPPORTED, p.requirements().get(PracticeId.SCREEN_LOCK));
        assertTrue(p.osVersion().containsKey("darwin"));
        assertEquals(RequirementOption.ALWAYS, p.applications().get(0).assertion());
        assertEquals(RequirementOption.NEVER, p.applications().get(1).assertion());
    }

    @Test
    void acceptsAuscultPracticesAndDistributionBrackets() throws Exception {
        Policy p = loader.parse("p.yaml", """
                antivirus: SUGGESTED
                gatekeeper: IF_SUPPORTED
                systemIntegrity: ALWAYS
                osVersion:
                  debian: {ok: ">=12"}
                """, "p");
        assertEquals(RequirementOption.ALWAYS, p.requirements().get(PracticeId.SYSTEM_INTEGRITY));
        assertTrue(p.osVersion().get("debian").nudge().isEmpty());
    }

    @Test
    void bundledDefaultPolicyLoads() {
        Policy p = loader.bundled();
        assertEquals("Auscult default", p.name());
        assertTrue(p.mentions(PracticeId.DISK_ENCRYPTION));
        assertTrue(p.osVersion().containsKey("ubuntu"));
    }

    private String problem(String text) {
        PolicyException e = assertThrows(PolicyException.class, () -> loader.parse("bad.yaml", text, "bad"));
        return e.getMessage();
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        String msg = problem("firewall: ALWAYS\nosVersion:\n  darwin: {ok: \">=14\"\n");
        assertTrue(msg.startsWith("bad.yaml:"), msg);
        assertTrue(msg.matches("(?s)bad\\.yaml:\\d+:\\d+: not valid YAML: .*"), msg);
    }

    @Test
    void jsonSyntaxErrorsNameLineAndColumn() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> loader.parse("bad.json", "{\n  \"firewall\": \"ALWAYS\",\n  \"diskEncryption\" \"ALWAYS\"\n}", "bad"));
        assertTrue(e.getMessage().startsWith("bad.json:3:"), e.getMessage());
    }

    @Test
    void badValuesNameTheirKeyAndPosition() {
        assertEquals("bad.yaml:2:17: diskEncryption: 'SOMETIMES' is not a requirement (use ALWAYS, SUGGESTED, IF_SUPPORTED or NEVER)",
                problem("firewall: ALWAYS\ndiskEncryption: SOMETIMES\n"));
        assertTrue(problem("screenIdle: \"<=two minutes\"\n").startsWith("bad.yaml:1:13: screenIdle: '<=two minutes' is not a version range"));
        assertTrue(problem("applications:\n  - description: no name\n    assertion: ALWAYS\n").contains("applications[0].name: is required"));
        assertTrue(problem("osVersion:\n  darwin: {nudge: \">=13\"}\n").contains("osVersion.darwin: 'ok' is required"));
        assertTrue(problem("firewall: [ALWAYS]\n").contains("firewall: must be a single value, not a list"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> loader.parse("bad.yaml", "firewall: maybe\nscreenIdle: \"abc\"\n", "bad"));
        assertEquals(2, e.problems().size());
    }

    @Test
    void duplicateKeysAreErrors() {
        assertTrue(problem("firewall: ALWAYS\nfirewall: NEVER\n").contains("key 'firewall' appears twice"));
    }

    @Test
    void emptyAndNonMappingDocumentsAreErrors() {
        assertTrue(problem("").contains("the policy is empty"));
        assertTrue(problem("- firewall\n").contains("must be a mapping"));
    }

    @Test
    void missingFilesAreErrors(@TempDir Path dir) {
        PolicyException e = assertThrows(PolicyException.class, () -> loader.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().endsWith("nope.yaml: no such policy file"));
    }

    @Test
    void regexNamesMustCompile() {
        assertTrue(problem("applications:\n  - name: \"Chrome[\"\n    assertion: ALWAYS\n    match: regex\n").contains("not a valid regular expression"));
    }

    @Test
    void loadsFilesWithCrlfAndByteOrderMark(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("windows.yaml");
        Files.writeString(f, "\uFEFFfirewall: ALWAYS\r\nremoteLogin: NEVER\r\n");
        Policy p = loader.load(f);
        assertEquals(RequirementOption.NEVER, p.requirements().get(PracticeId.REMOTE_LOGIN));
        assertEquals("windows", p.name());
    }
}
