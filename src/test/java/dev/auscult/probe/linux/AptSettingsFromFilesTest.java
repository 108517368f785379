package dev.auscult.probe.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.State;
import dev.auscult.probe.FileSet;
import dev.auscult.probe.LiveEvidence;
import dev.auscult.probe.Reading;
import dev.auscult.probe.Recorded;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.probe.SourceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * APT's settings read from its files give APT's own answer: checked against the real {@code apt-config}
 * on the same files (APT_CONFIG pointing it at a test directory), for real Debian files and for every
 * rule of APT's merge — part names, order, scopes, comments, #clear, case.
 */
class AptSettingsFromFilesTest {

    @TempDir
    Path dir;

    private static final String UBUNTU_UPDATE_NOTIFIER = """
            // run update-notifier's hooks after every dpkg run (the ';' inside the quotes are not statements)
            DPkg::Post-Invoke {"if [ -d /var/lib/update-notifier ]; then touch /var/lib/update-notifier/dpkg-run-stamp; fi; true";};
            APT::Update::Post-Invoke-Success {"true";};
            """;

    private static final String UNATTENDED_UPGRADES_EXCERPT = """
            // Unattended-Upgrade::Origins-Pattern controls which packages are upgraded.
            Unattended-Upgrade::Origins-Pattern {
                    "origin=Debian,codename=${distro_codename},label=Debian";
                    "origin=Debian,codename=${distro_codename},label=Debian-Security";
            //      "o=Debian Backports,n=${distro_codename}-backports,l=Debian Backports";
            };
            Unattended-Upgrade::Package-Blacklist {
            };
            /* Automatically reboot *WITHOUT CONFIRMATION* if
               the file /var/run/reboot-required is found after the upgrade */
            //Unattended-Upgrade::Automatic-Reboot "false";
            Unattended-Upgrade::Remove-Unused-Kernel-Packages "true";
            """;

    @Test
    void debianFilesGiveWhatAptConfigGives() throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String name : List.of("01autoremove", "02autoremove-postgresql", "20packagekit", "50appstream", "70debconf",
                "docker-autoremove-suggests", "docker-clean", "docker-gzip-indexes", "docker-no-languages")) {
            try (InputStream in = getClass().getResourceAsStream("/apt/debian12-container/" + name)) {
                parts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        parts.put("20auto-upgrades", "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n");
        parts.put("50unattended-upgrades", UNATTENDED_UPGRADES_EXCERPT);
        parts.put("99update-notifier", UBUNTU_UPDATE_NOTIFIER);
        AptConfiguration conf = compareWithApt(parts, null);
        assertEquals("1", conf.find("apt::periodic::unattended-upgrade").orElseThrow().value());
        assertEquals("true", conf.find("Unattended-Upgrade::Remove-Unused-Kernel-Packages").orElseThrow().value());
        assertTrue(conf.find("Unattended-Upgrade::Automatic-Reboot").isEmpty(), "a commented-out line sets nothing");
    }

    @Test
    void aptsMergeRulesMatchApt() throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        // byte order, not natural order: "10-b" sorts before "9a", capitals before lower case
        parts.put("9a", "APT::Periodic::Unattended-Upgrade \"9\";\n");
        parts.put("10-b", "APT::Periodic::Unattended-Upgrade \"10\";\nAPT::Periodic::Verbose \"2\";\n");
        parts.put("Z-upper", "APT { Periodic { Update-Package-Lists \"7\"; AutocleanInterval \"3\"; }; };\n");
        // names APT ignores: another extension, a dpkg leftover, a character outside its set
        parts.put("50off.disabled", "APT::Periodic::Unattended-Upgrade \"0\";\n");
        parts.put("50unattended-upgrades.ucf-dist", "APT::Periodic::Unattended-Upgrade \"0\";\n");
        parts.put("60with space", "APT::Periodic::Unattended-Upgrade \"0\";\n");
        parts.put("70last.conf", """
                # a hash comment: the rest of the line, even /* here, is ignored
                /* a block
                   comment that spans lines */ apt::periodic::download-upgradeable-packages "1"; // names ignore case
                Test::Trailing "x"; # a comment after a value
                Test::Quoted "y#z // /* not comments */";
                #clear APT::Periodic::Verbose;
                Acquire::http { Timeout "5"; Pipeline-Depth "0" };
                Acquire::Languages:: "none";
                """);
        AptConfiguration conf = compareWithApt(parts, "APT::Periodic::Update-Package-Lists \"0\";\n");
        assertEquals("9", conf.find("APT::Periodic::Unattended-Upgrade").orElseThrow().value(), "9a is read after 10-b");
        assertEquals("0", conf.find("APT::Periodic::Update-Package-Lists").orElseThrow().value(), "apt.conf is read last");
        assertTrue(conf.find("APT::Periodic::Verbose").isEmpty(), "#clear removed it");
        assertEquals("y#z // /* not comments */", conf.find("test::quoted").orElseThrow().value());
        assertTrue(conf.filesRead().stream().noneMatch(f -> f.endsWith(".disabled") || f.endsWith(".ucf-dist") || f.contains(" ")));
        AptConfiguration.Value where = conf.find("APT::Periodic::Update-Package-Lists").orElseThrow();
        assertTrue(where.file().endsWith("main.conf") && where.line() == 1, where.toString());
    }

    @Test
    void whatAptRefusesIsASyntaxErrorNamingFileAndLine() {
        var e = assertThrows(AptConfiguration.SyntaxError.class, () -> AptConfiguration.read(set(
                "/etc/apt/apt.conf.d/20auto-upgrades", "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\n")));
        assertTrue(e.getMessage().startsWith("/etc/apt/apt.conf.d/20auto-upgrades line 2"), e.getMessage());
        assertThrows(AptConfiguration.SyntaxError.class, () -> AptConfiguration.read(set("/etc/apt/apt.conf", "APT { Periodic {\n")));
        assertThrows(AptConfiguration.SyntaxError.class, () -> AptConfiguration.read(set("/etc/apt/apt.conf", "a \"1\" \"2\";\n")));
        assertThrows(AptConfiguration.SyntaxError.class, () -> AptConfiguration.read(set("/etc/apt/apt.conf", "};\n")));
    }

    @Test
    void whatOnlyAptCanResolveIsLeftToApt() {
        assertThrows(AptConfiguration.Unsupported.class, () -> AptConfiguration.read(set("/etc/apt/apt.conf", "#include /etc/other.conf;\n")));
        assertThrows(AptConfiguration.Unsupported.class, () -> AptConfiguration.read(set("/etc/apt/apt.conf", "Dir::Etc::Parts \"/opt/apt/\";\n")));
    }

    // --- the probe on these files

    private static Observation updates(Recorded r) {
        return new LinuxAutomaticUpdatesProbe().observe(r.evidence());
    }

    private static final String UNITS = "Id=unattended-upgrades.service\nLoadState=loaded\nActiveState=inactive\nUnitFileState=enabled\n";

    @Test
    void theProbeAnswersFromTheFilesAndSaysWhereTheValueWasSet() {
        Observation o = updates(Recorded.on(OsPlatform.LINUX).command("linux.systemd_units", 0, UNITS)
                .file("linux.apt_conf_files", set("/etc/apt/apt.conf.d/20auto-upgrades",
                        "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n").encode()));
        assertEquals(State.ON, o.state());
        assertEquals(List.of("linux.apt_conf_files", "linux.systemd_units"), o.evidence());
        assertEquals("1 (/etc/apt/apt.conf.d/20auto-upgrades line 2)", o.details().get("APT::Periodic::Unattended-Upgrade"));

        Observation off = updates(Recorded.on(OsPlatform.LINUX).command("linux.systemd_units", 0, UNITS)
                .file("linux.apt_conf_files", set("/etc/apt/apt.conf.d/70debconf", "DPkg::Pre-Install-Pkgs {\"/usr/sbin/dpkg-preconfigure --apt || true\";};\n").encode()));
        assertEquals(State.OFF, off.state());
        assertEquals("not set", off.details().get("APT::Periodic::Unattended-Upgrade"));
    }

    @Test
    void brokenFilesAreUnknownNeverOffOrOn() {
        Observation o = updates(Recorded.on(OsPlatform.LINUX)
                .file("linux.apt_conf_files", set("/etc/apt/apt.conf.d/20auto-upgrades", "APT::Periodic::Unattended-Upgrade \"1\"\n").encode()));
        assertEquals(State.UNKNOWN, o.state());
        assertTrue(o.reason().contains("20auto-upgrades line 1"), o.reason());
    }

    @Test
    void includesAndApt_ConfigAreAskedOfAptConfig() {
        String dump = "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n";
        Observation included = updates(Recorded.on(OsPlatform.LINUX).command("linux.systemd_units", 0, UNITS)
                .file("linux.apt_conf_files", set("/etc/apt/apt.conf", "#include /etc/apt/site.conf;\n").encode())
                .command("linux.apt_config", 0, dump));
        assertEquals(State.ON, included.state());
        assertEquals("linux.apt_config", included.evidence().getFirst());
        Observation redirected = updates(Recorded.on(OsPlatform.LINUX).command("linux.systemd_units", 0, UNITS)
                .env("linux.apt_config_env", "/home/me/apt.conf")
                .file("linux.apt_conf_files", set("/etc/apt/apt.conf.d/20x", "APT::Periodic::Unattended-Upgrade \"0\";\n").encode())
                .command("linux.apt_config", 0, dump));
        assertEquals(State.ON, redirected.state(), "APT_CONFIG may change everything: apt-config's answer counts");
    }

    @Test
    void theLiveGatewayReadsTheSetInAptsOrderAndItReplays() throws IOException {
        Path parts = Files.createDirectories(dir.resolve("apt.conf.d"));
        Files.writeString(parts.resolve("b"), "B");
        Files.writeString(parts.resolve("A"), "A\n==> fake (1 chars) <==\n");
        Files.createDirectories(parts.resolve("subdir"));
        var spec = new SourceSpec.Files("t.files", List.of(parts + "/", dir.resolve("apt.conf").toString()));
        LiveEvidence live = new LiveEvidence(new SourceCatalog(Map.of("t.files", spec)), Duration.ofSeconds(5), 1 << 20, dir, k -> null);
        Reading r = live.read("t.files");
        FileSet read = FileSet.decode(r.text().orElseThrow());
        assertEquals(List.of(parts.resolve("A").toString(), parts.resolve("b").toString()), read.files().stream().map(FileSet.Entry::path).toList());
        assertEquals("A\n==> fake (1 chars) <==\n", read.files().getFirst().content(), "content that looks like a header stays content");

        var none = new SourceSpec.Files("t.none", List.of(dir.resolve("nothing") + "/", dir.resolve("nothing.conf").toString()));
        Reading missing = new LiveEvidence(new SourceCatalog(Map.of("t.none", none)), Duration.ofSeconds(5), 1 << 20, dir, k -> null).read("t.none");
        assertEquals(dev.auscult.probe.ReadStatus.MISSING, missing.status());

        LiveEvidence small = new LiveEvidence(new SourceCatalog(Map.of("t.files", spec)), Duration.ofSeconds(5), 2, dir, k -> null);
        assertEquals(dev.auscult.probe.ReadStatus.ERROR, small.read("t.files").status(), "the size limit covers the whole set");
        assertThrows(IllegalArgumentException.class, () -> FileSet.decode("==> x (5 chars) <==\nab\n"));
    }

    // --- helpers

    private static FileSet set(String path, String content) {
        return new FileSet(List.of(new FileSet.Entry(path, content)));
    }

    /** Writes the files, reads them ourselves and through the real apt-config, and compares every value. */
    private AptConfiguration compareWithApt(Map<String, String> parts, String main) throws Exception {
        Path partsDir = Files.createDirectories(dir.resolve("parts"));
        List<FileSet.Entry> entries = new ArrayList<>();
        for (var e : parts.entrySet()) {
            Files.writeString(partsDir.resolve(e.getKey()), e.getValue());
        }
        List<String> sorted = new ArrayList<>(parts.keySet());
        sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        for (String name : sorted) {
            entries.add(new FileSet.Entry(partsDir.resolve(name).toString(), parts.get(name)));
        }
        Path mainFile = dir.resolve("main.conf");
        if (main != null) {
            Files.writeString(mainFile, main);
            entries.add(new FileSet.Entry(mainFile.toString(), main));
        }
        AptConfiguration ours = AptConfiguration.read(new FileSet(entries), partsDir + "/");

        Map<String, String> apt = aptConfigDump(partsDir, mainFile);
        for (var v : ours.values().entrySet()) {
            if (v.getKey().equals("acquire::languages")) {
                continue; // APT turns this one setting into a list after reading (init.cc); no probe reads it
            }
            assertEquals(apt.get(v.getKey()), v.getValue().value(), "apt-config disagrees on " + v.getValue().name());
        }
        apt.forEach((key, value) -> {
            if (key.startsWith("apt::periodic::")) {
                // APT prints every node of its tree, an unset or cleared one as "": for APT they are the same
                assertEquals(value, ours.find(key).map(AptConfiguration.Value::value).orElse(""), "we missed " + key);
            }
        });
        assertFalse(ours.values().isEmpty());
        return ours;
    }

    private Map<String, String> aptConfigDump(Path parts, Path main) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-config")), "apt-config is needed to compare with APT");
        Path redirect = dir.resolve("redirect.conf");
        Files.writeString(redirect, "Dir::Etc::parts \"" + parts + "/\";\nDir::Etc::main \"" + main + "\";\n");
        ProcessBuilder pb = new ProcessBuilder("apt-config", "dump").redirectErrorStream(true);
        pb.environment().put("APT_CONFIG", redirect.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Map<String, String> values = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\S+) \"(.*)\";$").matcher(out);
        while (m.find()) {
            values.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        return values;
    }
}
