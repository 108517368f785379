package dev.auscult.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.Fixtures;
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

/**
 * Policies written for Stethoscope (its own, its docs', its forks') applied to healthy devices: none may
 * fail them for a reason that lies in the policy's dialect rather than the device. Inputs are Stethoscope's
 * published policies and the cases of its own jest suite (applicationPlatformFilter, Security, Policy).
 */
class MigratedPolicyVerdictsTest {

    private final PolicyLoader loader = new PolicyLoader();
    private final PolicyEvaluator evaluator = new PolicyEvaluator("0.1.0");

    private static DeviceFacts linux(String id, String version, List<String> idLike, String ubuntuCodename) {
        return new DeviceFacts(OsPlatform.LINUX, Optional.of(id), Optional.ofNullable(version), Optional.empty(),
                Optional.of(id), idLike, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                dev.auscult.posture.Finding.plain("os-release"), List.of("linux.os_release"), Optional.ofNullable(ubuntuCodename));
    }

    private static DeviceFacts mac(String version) {
        return new DeviceFacts(OsPlatform.DARWIN, Optional.of("macOS"), Optional.of(version), Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), dev.auscult.posture.Finding.plain("sw_vers"), List.of("darwin.sw_vers"));
    }

    private PracticeResult osVersion(String policy, DeviceFacts d) throws PolicyException {
        Observation o = Observation.on(PracticeId.OS_VERSION, d.osName().orElse("") + " " + d.osVersion().orElse(""), d.evidence());
        return evaluator.evaluate(loader.parse("p.yaml", policy, "p"), d, List.of(o), Optional.empty()).getFirst();
    }

    private List<ApplicationResult> apps(String policy, DeviceFacts d, InstalledApp... installed) throws PolicyException {
        Inventory inv = new Inventory(List.of(installed), true, dev.auscult.posture.Finding.plain("listed"), List.of("inventory"));
        return evaluator.evaluate(loader.parse("p.yaml", policy, "p"), d, List.of(), Optional.of(inv)).getFirst().applications();
    }

    @Test
    void stethoscopesLinuxBracketJudgesUbuntuAndItsDerivativesOnly() throws Exception {
        String stethoscope = Fixtures.text("policies/stethoscope-default-policy.yaml");
        assertEquals(Optional.of(Verdict.PASS), osVersion(stethoscope, linux("ubuntu", "22.04", List.of("debian"), "jammy")).verdict());
        PracticeResult debian = osVersion(stethoscope, linux("debian", "12", List.of(), null));
        assertEquals(Optional.empty(), debian.verdict(), "Debian 12 is not 'too old' by Ubuntu's numbers: it is not judged by them");
        assertTrue(debian.reason().contains("add an osVersion.debian bracket"), debian.reason());
        // Linux Mint 21.2 names its Ubuntu base by codename only (UBUNTU_CODENAME=jammy)
        PracticeResult mint = osVersion(stethoscope, linux("linuxmint", "21.2", List.of("ubuntu", "debian"), "jammy"));
        assertEquals(Optional.of(Verdict.PASS), mint.verdict(), mint.reason());
        assertTrue(mint.reason().contains("built on Ubuntu 22.04 (jammy)"), mint.reason());
        // On a focal base the point release decides ">=20.04.2", and a derivative does not state it: never guess a pass
        PracticeResult oldMint = osVersion(stethoscope, linux("linuxmint", "20.3", List.of("ubuntu", "debian"), "focal"));
        assertEquals(Optional.of(Verdict.UNKNOWN), oldMint.verdict(), oldMint.reason());
        assertTrue(oldMint.reason().contains("osVersion.linuxmint"), oldMint.reason());
        // A distribution's own key still wins over the Ubuntu-numbered one
        assertEquals(Optional.of(Verdict.PASS), osVersion("osVersion:\n  linux: {ok: \">=20.04.2\"}\n  debian: {ok: \">=12\"}\n",
                linux("debian", "12", List.of(), null)).verdict());
    }

    @Test
    void aForkPolicyWithExtendedKeysLoadsAndWarnsAboutWhatItIgnores() throws Exception {
        Policy p = loader.parse("fork.yaml", Fixtures.text("policies/fork-antivirus-providers.yaml"), "fork");
        assertEquals(2, p.antivirusProviders().size());
        assertEquals("clamscan", p.antivirusProviders().getFirst().name());
        assertTrue(p.warnings().getFirst().startsWith("fork.yaml:22:12: bluetooth: unknown policy key, ignored"), p.warnings().toString());
        assertTrue(p.mentions(PracticeId.ANTIVIRUS));
        // a typo is a warning that says what was meant, not a refused policy
        Policy typo = loader.parse("t.yaml", "firewal: ALWAYS\ndiskEncryption: ALWAYS\n", "t");
        assertTrue(typo.warnings().getFirst().contains("did you mean 'firewall'?"), typo.warnings().toString());
        assertEquals(1, typo.requirements().size());
        // wrong types of known keys stay fatal
        PolicyException e = org.junit.jupiter.api.Assertions.assertThrows(PolicyException.class,
                () -> loader.parse("t.yaml", "antivirus: [ALWAYS]\n", "t"));
        assertTrue(e.getMessage().contains("antivirus: must be a single value"), e.getMessage());
    }

    @Test
    void antivirusProvidersPassWhenOneIsRunningOrInstalled() throws Exception {
        Policy p = loader.parse("fork.yaml", Fixtures.text("policies/fork-antivirus-providers.yaml"), "fork");
        DeviceFacts ubuntu = linux("ubuntu", "24.04", List.of("debian"), "noble");
        Observation clamRunning = Observation.on(PracticeId.ANTIVIRUS, "ClamAV is running", List.of("linux.systemd_units"));
        Inventory none = new Inventory(List.of(), true, dev.auscult.posture.Finding.plain("0 packages"), List.of("linux.dpkg_packages"));
        PracticeResult running = evaluator.evaluate(p, ubuntu, List.of(clamRunning), Optional.of(none)).getFirst();
        assertEquals(Optional.of(Verdict.PASS), running.verdict(), running.reason());
        Observation nothing = Observation.off(PracticeId.ANTIVIRUS, "no antivirus is running", List.of("linux.systemd_units"));
        Inventory clamInstalled = new Inventory(List.of(new InstalledApp("clamav", "1.0.7", "dpkg")), true, dev.auscult.posture.Finding.plain("1 package"), List.of("linux.dpkg_packages"));
        assertEquals(Optional.of(Verdict.PASS), evaluator.evaluate(p, ubuntu, List.of(nothing), Optional.of(clamInstalled)).getFirst().verdict());
        PracticeResult missing = evaluator.evaluate(p, ubuntu, List.of(nothing), Optional.of(none)).getFirst();
        assertEquals(Optional.of(Verdict.NUDGE), missing.verdict(), "clamscan is only SUGGESTED on Linux");
        assertTrue(missing.reason().contains("none of clamscan"), missing.reason());
        // the Windows-only provider does not apply to a Mac, and nothing else does
        PracticeResult onMac = evaluator.evaluate(p, mac("15.1"), List.of(nothing), Optional.of(none)).getFirst();
        assertEquals(Optional.empty(), onMac.verdict());
    }

    @Test
    void stethoscopeVersionInAMigratedPolicyFailsNoDevice() throws Exception {
        Policy p = loader.parse("fork.yaml", Fixtures.text("policies/fork-antivirus-providers.yaml"), "fork");
        Observation agent = Observation.on(PracticeId.AGENT_VERSION, "Auscult 0.1.0 is running", List.of());
        assertEquals(Optional.of(Verdict.PASS), evaluator.evaluate(p, mac("15.1"), List.of(agent), Optional.empty()).getFirst().verdict());
    }

    @Test
    void aPracticeThePlatformCannotHaveIsNotApplicableNotPassing() throws Exception {
        Policy p = loader.parse("p.yaml", "gatekeeper: IF_SUPPORTED\nsystemIntegrity: SUGGESTED\nfirewall: ALWAYS\n", "p");
        List<Observation> obs = List.of(
                Observation.unsupported(PracticeId.GATEKEEPER, dev.auscult.posture.Finding.plain("Gatekeeper is a macOS feature")),
                Observation.unsupported(PracticeId.SYSTEM_INTEGRITY, dev.auscult.posture.Finding.plain("SIP is a macOS feature")),
                Observation.off(PracticeId.FIREWALL, "no firewall", List.of("linux.systemd_units")));
        List<PracticeResult> results = evaluator.evaluate(p, linux("debian", "12", List.of(), null), obs, Optional.empty());
        assertTrue(results.get(0).notApplicable());
        assertTrue(results.get(1).notApplicable(), "SUGGESTED does not nag about what this platform cannot have");
        assertEquals(Optional.of(Verdict.FAIL), PolicyEvaluator.overall(results));
        assertEquals(Optional.empty(), PolicyEvaluator.overall(results.subList(0, 2)), "n/a alone is no pass");
    }

    /** applicationPlatformFilter.test.js: an entry with a platform key applies only where it says so. */
    @Test
    void platformFiltersApplyAsInStethoscope() throws Exception {
        DeviceFacts mac = mac("10.15.7");
        String policy = """
                applications:
                  - {name: CommonApp, assertion: SUGGESTED}
                  - {name: OnlyOnMac, assertion: ALWAYS, platform: {darwin: ">=10.0.0"}}
                  - {name: AllPlatforms, assertion: ALWAYS, platform: {all: true}}
                  - {name: PoorlyFilteredApp, assertion: ALWAYS, platform: {all: false}}
                  - {name: EmptyFilter, assertion: ALWAYS, platform: {}}
                  - {name: NewerMacOnly, assertion: ALWAYS, platform: {darwin: ">=11.0.0"}}
                  - {name: WindowsOnly, assertion: ALWAYS, platform: {win32: ">=10.0.0"}}
                """;
        List<String> judged = apps(policy, mac).stream().map(ApplicationResult::name).toList();
        assertEquals(List.of("CommonApp", "OnlyOnMac", "AllPlatforms"), judged);
        // Security.test.js: each judged entry keeps its own assertion after filtering
        List<ApplicationResult> r = apps(policy, mac, new InstalledApp("OnlyOnMac", "1.0", "/Applications/OnlyOnMac.app"));
        assertEquals(Verdict.NUDGE, r.get(0).verdict());
        assertEquals(Verdict.PASS, r.get(1).verdict());
        assertEquals(Verdict.FAIL, r.get(2).verdict());
    }

    @Test
    void theLinuxFilterOfAnApplicationIsForLinuxOnOtherDistributionsToo() throws Exception {
        // Stethoscope's docs: bash, platform linux ">=12.04.0" (Ubuntu numbering); Debian 12 must still be checked
        List<ApplicationResult> r = apps("applications:\n  - {name: bash, assertion: ALWAYS, platform: {linux: \">=12.04.0\"}}\n",
                linux("debian", "12", List.of(), null), new InstalledApp("bash", "5.2.15-2+b7", "dpkg"));
        assertEquals(1, r.size());
        assertEquals(Verdict.PASS, r.getFirst().verdict());
    }

    @Test
    void namesFindTheAppsStethoscopeFoundAndPathsAreHonoured() throws Exception {
        DeviceFacts win = new DeviceFacts(OsPlatform.WIN32, Optional.of("Windows 11"), Optional.of("10.0.26100"), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), dev.auscult.posture.Finding.plain("cim"), List.of());
        InstalledApp chrome = new InstalledApp("Google Chrome", "131.0.6778.86",
                "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall");
        InstalledApp zoomPerUser = new InstalledApp("Zoom Workplace (64-bit)", "6.2.0", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall");
        assertEquals(Verdict.PASS, apps("applications:\n  - {name: chrome, assertion: ALWAYS}\n", win, chrome).getFirst().verdict());
        assertEquals(Verdict.PASS, apps("applications:\n  - {name: \"^Google Chrome$\", assertion: ALWAYS}\n", win, chrome).getFirst().verdict());
        ApplicationResult onlyMachineWide = apps("applications:\n  - name: zoom\n    assertion: ALWAYS\n"
                + "    paths: {win32: \"HKEY_LOCAL_MACHINE\\\\Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\"}\n", win, zoomPerUser).getFirst();
        assertEquals(Verdict.FAIL, onlyMachineWide.verdict(), onlyMachineWide.reason());
        // macOS: the bundle name, and paths.darwin is the folder holding it
        DeviceFacts mac = mac("15.1");
        InstalledApp tv = new InstalledApp("TV", "1.5", "/System/Applications/TV.app");
        assertEquals(Verdict.PASS, apps("applications:\n  - {name: TV, assertion: ALWAYS, paths: {darwin: /System/Applications}}\n", mac, tv).getFirst().verdict());
        assertEquals(Verdict.FAIL, apps("applications:\n  - {name: TV, assertion: ALWAYS, paths: {darwin: /Applications}}\n", mac, tv).getFirst().verdict());
        assertEquals(Verdict.FAIL, apps("applications:\n  - {name: T, assertion: ALWAYS}\n", mac, tv).getFirst().verdict(),
                "on macOS the name is the bundle's, not a pattern");
    }

    @Test
    void aBannedVersionRangeBansOnlyThoseVersionsAndSaysSo() throws Exception {
        ApplicationResult r = apps("applications:\n  - {name: zoom, assertion: NEVER, version: \"<5.0.0\"}\n",
                linux("ubuntu", "24.04", List.of("debian"), "noble"), new InstalledApp("zoom", "6.2.0", "dpkg")).getFirst();
        assertEquals(Verdict.PASS, r.verdict());
        assertTrue(r.reason().contains("Stethoscope banned every version"), r.reason());
    }

    @Test
    void aPathologicalPatternIsMatchedInLinearTime() throws Exception {
        // Backtracking engines take exponential time on this against a long name; RE2/J does not.
        String evil = "applications:\n  - {name: \".*.*.*.*.*.*.*.*.*.*.*!\", assertion: NEVER, match: regex}\n";
        InstalledApp longName = new InstalledApp("a".repeat(5000), "1", "dpkg");
        assertEquals(Verdict.PASS, apps(evil, linux("debian", "12", List.of(), null), longName).getFirst().verdict());
        assertFalse(loader.parse("p", evil, "p").warnings().iterator().hasNext());
    }
}
