package dev.auscult.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.ApplicationResult;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.InstalledApp;
import dev.auscult.posture.Inventory;
import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OS brackets, screenIdle ranges, agent version and application requirements. */
class PolicyEvaluationTest {

    private final PolicyLoader loader = new PolicyLoader();
    private final PolicyEvaluator evaluator = new PolicyEvaluator("1.2.0");

    private static DeviceFacts linux(String id, String version) {
        return new DeviceFacts(OsPlatform.LINUX, Optional.of("Linux"), Optional.ofNullable(version), Optional.empty(),
                Optional.ofNullable(id), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                dev.auscult.posture.Finding.plain("os-release"), List.of("linux.os_release"));
    }

    private static Observation os(DeviceFacts d) {
        return d.osVersion().isPresent() ? Observation.on(PracticeId.OS_VERSION, "os", d.evidence())
                : Observation.unknown(PracticeId.OS_VERSION, "no version", d.evidence());
    }

    private PracticeResult osVerdict(String policy, DeviceFacts device) throws PolicyException {
        return evaluator.evaluate(loader.parse("p.yaml", policy, "p"), device, List.of(os(device)), Optional.empty()).getFirst();
    }

    private static final String BRACKETS = """
            osVersion:
              ubuntu: {ok: ">=24.04", nudge: ">=22.04"}
              debian: {ok: ">=13", nudge: ">=12"}
              linux: {ok: ">=6"}
            """;

    @Test
    void linuxBracketsAreChosenByOsReleaseIdThenLinux() throws Exception {
        assertEquals(Optional.of(Verdict.NUDGE), osVerdict(BRACKETS, linux("ubuntu", "22.04")).verdict());
        assertEquals(Optional.of(Verdict.PASS), osVerdict(BRACKETS, linux("debian", "13")).verdict());
        assertEquals(Optional.of(Verdict.FAIL), osVerdict(BRACKETS, linux("debian", "11")).verdict());
        PracticeResult arch = osVerdict(BRACKETS, linux("arch", "7"));
        assertEquals(Optional.empty(), arch.verdict(), "the linux bracket is Ubuntu-numbered: not applied to Arch");
        assertTrue(arch.reason().contains("add an osVersion.arch bracket"), arch.reason());
    }

    @Test
    void aDeviceWithoutABracketGetsNoVerdictRatherThanAFail() throws Exception {
        PracticeResult r = osVerdict("osVersion:\n  darwin: {ok: \">=14\"}\n", linux("fedora", "43"));
        assertEquals(Optional.empty(), r.verdict());
        assertTrue(r.reason().contains("sets no OS version for Linux (fedora)"), r.reason());
    }

    @Test
    void anUnknownOsVersionIsUnknown() throws Exception {
        assertEquals(Optional.of(Verdict.UNKNOWN), osVerdict(BRACKETS, linux("ubuntu", null)).verdict());
    }

    private PracticeResult idleVerdict(Observation o) throws PolicyException {
        return evaluator.evaluate(loader.parse("p.yaml", "screenIdle: \"<=300\"\n", "p"), linux("ubuntu", "24.04"),
                List.of(o), Optional.empty()).getFirst();
    }

    @Test
    void screenIdleComparesTheMeasuredSeconds() throws Exception {
        Observation on = Observation.on(PracticeId.SCREEN_IDLE, "locks", List.of("x"));
        assertEquals(Optional.of(Verdict.PASS), idleVerdict(on.withValue(300)).verdict());
        assertEquals(Optional.of(Verdict.FAIL), idleVerdict(on.withValue(301)).verdict());
        assertEquals(Optional.of(Verdict.UNKNOWN), idleVerdict(on).verdict());
        assertEquals(Optional.of(Verdict.FAIL), idleVerdict(Observation.off(PracticeId.SCREEN_IDLE, "never", List.of("x"))).verdict());
        assertEquals(Optional.of(Verdict.UNKNOWN), idleVerdict(Observation.unknown(PracticeId.SCREEN_IDLE, "?", List.of("x"))).verdict());
    }

    @Test
    void agentVersionIsCheckedAgainstStethoscopeVersion() throws Exception {
        Observation agent = Observation.on(PracticeId.AGENT_VERSION, "running", List.of());
        var pass = evaluator.evaluate(loader.parse("p", "stethoscopeVersion: \">=1.0.0\"\n", "p"), linux("ubuntu", "24.04"), List.of(agent), Optional.empty());
        var migrated = evaluator.evaluate(loader.parse("p", "stethoscopeVersion: \">=1.1.0\"\n", "p"), linux("ubuntu", "24.04"), List.of(agent), Optional.empty());
        var future = evaluator.evaluate(loader.parse("p", "stethoscopeVersion: \">=6\"\n", "p"), linux("ubuntu", "24.04"), List.of(agent), Optional.empty());
        var ownTooOld = evaluator.evaluate(loader.parse("p", "agentVersion: \">=2\"\nstethoscopeVersion: \">=1\"\n", "p"), linux("ubuntu", "24.04"), List.of(agent), Optional.empty());
        assertEquals(Optional.of(Verdict.PASS), pass.getFirst().verdict());
        assertEquals(Optional.of(Verdict.PASS), migrated.getFirst().verdict(), "a migrated policy's Stethoscope range fails no device");
        assertTrue(migrated.getFirst().reason().contains("Stethoscope 5.0.6"), migrated.getFirst().reason());
        assertEquals(Optional.of(Verdict.FAIL), future.getFirst().verdict());
        assertEquals(Optional.of(Verdict.FAIL), ownTooOld.getFirst().verdict(), "agentVersion is Auscult's own version");
    }

    @Test
    void overallStatusIsTheWorstWithUnknownBetweenNudgeAndFail() {
        Observation o = Observation.on(PracticeId.FIREWALL, "r", List.of());
        PracticeResult nudge = new PracticeResult(o, Optional.of(Verdict.NUDGE), Optional.empty(), dev.auscult.posture.Finding.plain(""), List.of());
        PracticeResult unknown = new PracticeResult(o, Optional.of(Verdict.UNKNOWN), Optional.empty(), dev.auscult.posture.Finding.plain(""), List.of());
        PracticeResult fail = new PracticeResult(o, Optional.of(Verdict.FAIL), Optional.empty(), dev.auscult.posture.Finding.plain(""), List.of());
        PracticeResult none = new PracticeResult(o, Optional.empty(), Optional.empty(), dev.auscult.posture.Finding.plain(""), List.of());
        assertEquals(Optional.of(Verdict.UNKNOWN), PolicyEvaluator.overall(List.of(nudge, unknown, none)));
        assertEquals(Optional.of(Verdict.FAIL), PolicyEvaluator.overall(List.of(unknown, fail)));
        assertEquals(Optional.empty(), PolicyEvaluator.overall(List.of(none)));
    }

    // --- applications ---

    private List<ApplicationResult> apps(String policy, DeviceFacts device, Inventory inventory) throws PolicyException {
        PracticeResult r = evaluator.evaluate(loader.parse("p.yaml", policy, "p"), device, List.of(), Optional.of(inventory)).getFirst();
        assertEquals(PracticeId.APPLICATIONS, r.practice());
        return r.applications();
    }

    private static Inventory installed(InstalledApp... apps) {
        return new Inventory(List.of(apps), true, dev.auscult.posture.Finding.plain("listed"), List.of("linux.dpkg_packages"));
    }

    @Test
    void eachApplicationKeepsItsOwnAssertionAfterPlatformFiltering() throws Exception {
        // Stethoscope matched results back by the unfiltered index: with the darwin entry filtered out,
        // "telnet" would have been judged with "bash"'s ALWAYS.
        String policy = """
                applications:
                  - {name: Terminal, assertion: ALWAYS, platform: {darwin: ">=10"}}
                  - {name: bash, assertion: ALWAYS, platform: {linux: ">=1"}}
                  - {name: telnet, assertion: NEVER}
                """;
        List<ApplicationResult> r = apps(policy, linux("debian", "12"), installed(new InstalledApp("bash", "5.2.15-2+b7", "dpkg")));
        assertEquals(2, r.size());
        assertEquals("bash", r.get(0).name());
        assertEquals(Verdict.PASS, r.get(0).verdict());
        assertEquals("telnet", r.get(1).name());
        assertEquals(Verdict.PASS, r.get(1).verdict());
    }

    @Test
    void namesMatchAsInStethoscopeUnlessThePolicyAsksForExact() throws Exception {
        Inventory inv = installed(new InstalledApp("bash-completion", "1:2.11-6", "dpkg"), new InstalledApp("c++filt", "2.40", "dpkg"));
        // Stethoscope's new RegExp(name, 'i'): a plain name is found inside a longer one
        assertEquals(Verdict.PASS, apps("applications:\n  - {name: BASH, assertion: ALWAYS}\n", linux("debian", "12"), inv).getFirst().verdict());
        assertEquals(Verdict.FAIL, apps("applications:\n  - {name: bash, assertion: ALWAYS, match: exact}\n", linux("debian", "12"), inv).getFirst().verdict());
        // "c++" is no valid pattern; it is then looked for as plain text
        assertEquals(Verdict.FAIL, apps("applications:\n  - {name: c++filt, assertion: NEVER}\n", linux("debian", "12"), inv).getFirst().verdict());
        assertEquals(Verdict.PASS, apps("applications:\n  - {name: \"^bash\", assertion: ALWAYS, match: regex}\n", linux("debian", "12"), inv).getFirst().verdict());
    }

    @Test
    void versionsAndAssertionsFollowTheDocumentedTable() throws Exception {
        Inventory inv = installed(new InstalledApp("openssh-client", "1:9.2p1-2+deb12u3", "dpkg"));
        DeviceFacts d = linux("debian", "12");
        assertEquals(Verdict.PASS, apps("applications:\n  - {name: openssh-client, assertion: ALWAYS, version: \">=9\"}\n", d, inv).getFirst().verdict());
        assertEquals(Verdict.FAIL, apps("applications:\n  - {name: openssh-client, assertion: ALWAYS, version: \">=9.3\"}\n", d, inv).getFirst().verdict());
        assertEquals(Verdict.NUDGE, apps("applications:\n  - {name: openssh-client, assertion: SUGGESTED, version: \">=9.3\"}\n", d, inv).getFirst().verdict());
        assertEquals(Verdict.FAIL, apps("applications:\n  - {name: openssh-client, assertion: IF_SUPPORTED, version: \">=9.3\"}\n", d, inv).getFirst().verdict());
        assertEquals(Verdict.PASS, apps("applications:\n  - {name: zoom, assertion: IF_SUPPORTED, version: \">=6\"}\n", d, inv).getFirst().verdict());
        assertEquals(Verdict.NUDGE, apps("applications:\n  - {name: zoom, assertion: SUGGESTED}\n", d, inv).getFirst().verdict());
        assertEquals(Verdict.FAIL, apps("applications:\n  - {name: openssh-client, assertion: NEVER, version: \"<9.3\"}\n", d, inv).getFirst().verdict());
        assertEquals(Verdict.PASS, apps("applications:\n  - {name: openssh-client, assertion: NEVER, version: \"<9\"}\n", d, inv).getFirst().verdict());
    }

    @Test
    void aMissingAppInAnIncompleteInventoryIsUnknown() throws Exception {
        Inventory partial = new Inventory(List.of(), false, dev.auscult.posture.Finding.plain("dpkg-query timed out"), List.of("linux.dpkg_packages"));
        ApplicationResult r = apps("applications:\n  - {name: zoom, assertion: ALWAYS}\n", linux("debian", "12"), partial).getFirst();
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertTrue(r.reason().contains("dpkg-query timed out"));
    }

    @Test
    void aPlatformFilterOnAnUnknownOsVersionIsUnknown() throws Exception {
        ApplicationResult r = apps("applications:\n  - {name: bash, assertion: ALWAYS, platform: {linux: \">=12\"}}\n",
                linux("ubuntu", null), installed()).getFirst();
        assertEquals(Verdict.UNKNOWN, r.verdict());
    }
}
