package dev.auscult.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.auscult.Fixtures;
import dev.auscult.app.ScanService;
import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.ApplicationResult;
import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Phrase;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SourceCatalog;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a check found is said in the person's language (the window, notifications, the command line), while
 * reports keep the one English wording the organisation reads.
 */
class FindingsInEveryLanguageTest {

    private static final List<Locale> LANGUAGES = List.of(Locale.GERMAN, Locale.FRENCH, Locale.of("es"), Locale.JAPANESE,
            Locale.of("pt", "BR"));
    private static final List<String> SNAPSHOTS = List.of("darwin-mojave-10.14.1-swvers", "darwin-vm-sip-custom-fs-off",
            "linux-debian-11-unattended-upgrades-enabled", "linux-ubuntu-20.04-kde-autolock-false",
            "win-powercfg-videoidle-ac-never-dc-180", "win-server2022-defender-on-sig-age-2", "darwin-sonoma-managed-macbook",
            "win11-23h2-corporate-laptop");
    private static List<Phrase> phrases;

    /** Every phrase of every area, found in the compiled classes so a new area's enum cannot be forgotten. */
    @BeforeAll
    static void findEveryPhrase() {
        phrases = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.auscult")) {
            if (c.isEnum() && c.isAssignableTo(Phrase.class)) {
                phrases.addAll(List.of((Phrase[]) c.reflect().getEnumConstants()));
            }
        }
        assertTrue(phrases.size() > 200, "the phrases of the common, Linux, macOS, Windows and policy areas: " + phrases.size());
    }

    private static Properties file(Locale locale) throws Exception {
        String name = "findings_" + (locale.getCountry().isEmpty() ? locale.getLanguage() : locale.getLanguage() + "_" + locale.getCountry()) + ".properties";
        Properties p = new Properties();
        try (InputStream in = FindingText.class.getResourceAsStream(name)) {
            assertTrue(in != null, name + " is missing");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d}").matcher(pattern);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void everyPhraseIsTranslatedWithTheSamePlaceholdersAndNothingStale() throws Exception {
        Set<String> keys = new TreeSet<>();
        phrases.forEach(p -> assertTrue(keys.add(p.key()), "two phrases share the key " + p.key()));
        for (Locale locale : LANGUAGES) {
            Properties translations = file(locale);
            for (Phrase p : phrases) {
                String t = translations.getProperty(p.key());
                assertTrue(t != null && !t.isBlank(), locale + " has no " + p.key());
                assertEquals(placeholders(p.english()), placeholders(t), locale + " " + p.key() + ": the same evidence in every language");
            }
            assertEquals(keys, new TreeSet<>(translations.stringPropertyNames()), locale + ": keys that are no phrase, or phrases missing");
        }
    }

    private static List<ScanReport> replays() throws Exception {
        ScanService service = new ScanService(SourceCatalog.bundled(), "1.0.0", Clock.systemUTC());
        PolicyLoader loader = new PolicyLoader();
        Policy stethoscope = loader.load(Fixtures.path("policies/stethoscope-default-policy.yaml"));
        List<ScanReport> out = new ArrayList<>();
        for (String name : SNAPSHOTS) {
            var snapshot = new SnapshotCodec(SourceCatalog.bundled()).read(Fixtures.path("snapshots/" + name + ".json"));
            for (Policy policy : List.of(loader.bundled(), stethoscope)) {
                out.add(service.replay(snapshot, policy, new PolicyRef("test", policy.name())).report());
            }
        }
        return out;
    }

    private static Stream<Finding> findings(ScanReport report) {
        return report.practices().stream().flatMap(r -> Stream.concat(Stream.of(r.finding()),
                r.applications().stream().map(ApplicationResult::finding)));
    }

    /** True when a phrase of the finding has words to translate (not only "{0} {1}" or evidence text). */
    private static boolean hasWords(Finding f) {
        String bare = f.phrase().english().replaceAll("\\{\\d}", "").replaceAll("[\\s,;:()\"']", "");
        return !bare.isEmpty() || f.args().stream().anyMatch(a -> a instanceof Finding inner && hasWords(inner));
    }

    @Test
    void everyFindingOfRealDevicesIsSaidInEachLanguageWhileTheReportKeepsEnglish() throws Exception {
        List<ScanReport> reports = replays();
        for (Locale locale : LANGUAGES) {
            FindingText text = FindingText.of(locale);
            for (ScanReport report : reports) {
                findings(report).forEach(f -> {
                    String said = text.say(f);
                    assertFalse(said.matches("(?s).*\\{\\d}.*"), locale + ": a placeholder left in \"" + said + "\"");
                    if (hasWords(f)) {
                        assertNotEquals(f.english(), said, locale + " says it in English: " + f.phrase().key());
                    }
                });
            }
        }
        for (ScanReport report : reports) {
            Set<String> reported = new TreeSet<>();
            new ObjectMapper().readTree(new ReportJson().write(report)).get("practices").forEach(p -> reported.add(p.get("reason").asText()));
            for (PracticeResult r : report.practices()) {
                assertEquals(FindingText.ENGLISH.say(r.finding()), r.reason());
                assertTrue(reported.contains(r.reason()), "the report carries the English finding: " + r.reason());
            }
        }
    }

    @Test
    void aFindingNestsOtherFindingsAndJoinsListsInTheLanguagesWords() {
        Finding lockIdle = Finding.of(dev.auscult.policy.PolicyPhrase.IDLE_ALLOWED,
                Finding.of(dev.auscult.probe.linux.LinuxPhrase.KDE_LOCKS, 10, 605, ""), Finding.of(CommonPhrase.MINUTES, 5));
        assertEquals("KDE Plasma locks after 10 min idle (605 s in all); the policy allows 5 min", lockIdle.english());
        assertEquals("KDE Plasma sperrt nach 10 Min. Inaktivität (insgesamt 605 s); die Richtlinie erlaubt 5 Min.",
                FindingText.of(Locale.GERMAN).say(lockIdle));
        Object three = Finding.chain(CommonPhrase.ITEMS_AND, List.of("firewalld.service", "nftables.service", "ufw"));
        assertEquals("firewalld.service and nftables.service and ufw", ((Finding) three).english());
        assertEquals("firewalld.service と nftables.service と ufw", FindingText.of(Locale.JAPANESE).say((Finding) three));
        assertEquals("ufw", Finding.chain(CommonPhrase.ITEMS_AND, List.of("ufw")), "one item stands alone");
        assertEquals("packages listed: 12345", Finding.of(dev.auscult.probe.linux.LinuxPhrase.PACKAGES_LISTED, 12345).english(),
                "a measured number is written as it is, never grouped");
        assertEquals(FindingText.ENGLISH, FindingText.of(Locale.of("nl")), "a language without findings speaks English");
        assertEquals("Auscult 1.2 est en cours d'exécution", FindingText.of(Locale.CANADA_FRENCH).say(Finding.of(CommonPhrase.AGENT_RUNNING, "1.2")),
                "any region of a shipped language reads it");
    }
}
