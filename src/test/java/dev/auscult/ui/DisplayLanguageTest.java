package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentState;
import dev.auscult.app.DisplayLanguage;
import dev.auscult.instructions.Instructions;
import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.instructions.PracticeText;
import dev.auscult.ui.tray.TrayMenu;
import dev.auscult.ui.tray.TrayStatusText;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The person's language: which one is chosen, and that every shipped language says everything English says. */
class DisplayLanguageTest {

    private static final List<String> SUFFIXES = List.of("de", "fr", "es", "ja", "pt_BR");

    @Test
    void theAskedLanguageWinsThenTheSystemsAndAnyRegionOfAShippedLanguageReadsIt() {
        assertEquals("de", DisplayLanguage.choose(Optional.of("de"), Locale.FRANCE).tag());
        assertEquals("pt-BR", DisplayLanguage.choose(Optional.of("pt_PT"), Locale.US).tag(), "any Portuguese reads Brazilian Portuguese");
        assertEquals("fr", DisplayLanguage.choose(Optional.empty(), Locale.CANADA_FRENCH).tag());
        assertEquals("ja", DisplayLanguage.choose(Optional.empty(), Locale.JAPAN).tag());
        assertEquals("en", DisplayLanguage.choose(Optional.empty(), Locale.of("nl", "NL")).tag(), "not shipped: English");
        assertEquals("es", DisplayLanguage.choose(Optional.of("klingon"), Locale.of("es", "MX")).tag(), "an unknown ask falls back to the system's");
    }

    private static Properties bundle(String suffix) throws Exception {
        String name = "/dev/auscult/ui/messages" + (suffix.isEmpty() ? "" : "_" + suffix) + ".properties";
        Properties p = new Properties();
        try (InputStream in = DisplayLanguageTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, name + " is missing");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)").matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyLanguageHasEveryKeyWithTheSamePlaceholdersAndNoSwallowedApostrophe() throws Exception {
        Properties english = bundle("");
        for (String suffix : SUFFIXES) {
            Properties other = bundle(suffix);
            assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(other.stringPropertyNames()), suffix + ": keys");
            for (String key : english.stringPropertyNames()) {
                String pattern = other.getProperty(key);
                assertEquals(placeholders(english.getProperty(key)), placeholders(pattern), suffix + " " + key + ": placeholders");
                // MessageFormat reads ' as a quote: "l'icône" would lose its apostrophe and everything after it
                assertFalse(pattern.matches(".*[^']'[^'].*"), suffix + " " + key + " has a lone ASCII apostrophe: use ’");
                assertFalse(pattern.isBlank(), suffix + " " + key);
            }
        }
    }

    @Test
    void theTrayMenuAndTooltipSpeakTheLanguageWithItsPlurals() {
        AgentState failing = new AgentState(Optional.of(ReportSamples.mixed()), false, Optional.empty());
        TrayMenu.Intents none = new TrayMenu.Intents() {
            public void openWindow() { }
            public void rescan() { }
            public void setLaunchAtLogin(boolean on) { }
            public void setHideIconWhileFine(boolean on) { }
            public void remindTomorrow() { }
            public void activate() { }
            public void openLink(String link) { }
            public void copyDebugInfo() { }
            public void whatIsSent() { }
            public void about() { }
            public void quit() { }
        };
        List<TrayMenu.Item> menu = TrayMenu.build(failing, true, true, Optional.of(false), List.of(), none, new UiText(Locale.GERMAN));
        assertEquals("Auscult öffnen", ((TrayMenu.Action) menu.get(0)).label());
        assertEquals("Auscult beenden", ((TrayMenu.Action) menu.get(menu.size() - 1)).label());

        long failures = ReportSamples.mixed().practices().stream().filter(p -> p.verdict().orElse(null) == dev.auscult.posture.Verdict.FAIL).count();
        assertEquals(2, failures, "the sample has two failures");
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        assertTrue(TrayStatusText.of(failing, now, ZoneId.of("UTC"), new UiText(Locale.GERMAN)).startsWith("2 Einstellungen brauchen Aufmerksamkeit"));
        assertTrue(TrayStatusText.of(failing, now, ZoneId.of("UTC"), UiText.ENGLISH).startsWith("2 settings need attention"));
        assertTrue(TrayStatusText.of(failing, now, ZoneId.of("UTC"), new UiText(Locale.JAPANESE)).startsWith("2 件の設定に対応が必要です"));
        assertEquals("1 Einstellung braucht Aufmerksamkeit", new UiText(Locale.GERMAN).get("tip.fail", 1));
        assertEquals("1 ajuste necesita tu atención", new UiText(Locale.of("es")).get("tip.fail", 1));
        assertEquals("3 réglages demandent votre attention", new UiText(Locale.FRENCH).get("tip.fail", 3));
        assertEquals("3 configurações precisam de atenção", new UiText(Locale.of("pt", "BR")).get("tip.fail", 3));
        assertEquals("Open Auscult", new UiText(Locale.ENGLISH).get("tray.open"), "English asked is English given, whatever the OS says");
    }

    @Test
    void notificationsSayWhyInTheLanguageWithItsDates() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        ZoneId utc = ZoneId.of("UTC");
        dev.auscult.posture.Deadline due = new dev.auscult.posture.Deadline(now, Instant.parse("2026-12-08T12:00:00Z"));
        UiText de = new UiText(Locale.GERMAN);
        assertEquals("2 Sicherheitseinstellungen brauchen Ihre Aufmerksamkeit", AlertText.title(new dev.auscult.app.Alerts.NewProblems(2, 1), de, now, utc));
        assertEquals("1 Sicherheitseinstellung ließ sich nicht prüfen", AlertText.title(new dev.auscult.app.Alerts.NewProblems(0, 1), de, now, utc));
        assertEquals("1 Sicherheitseinstellung bis Dienstag, 8. Dezember 2026 ändern",
                AlertText.title(new dev.auscult.app.Alerts.NewDeadlines(1, due), de, now, utc));
        assertEquals("Erinnerung: 3 Sicherheitseinstellungen stimmen noch nicht", AlertText.title(new dev.auscult.app.Alerts.StillFailing(3), de, now, utc));
        assertEquals("1 security setting needs attention", AlertText.title(new dev.auscult.app.Alerts.NewProblems(1, 0), UiText.ENGLISH, now, utc));
        assertEquals("Due tomorrow: fix by Tuesday, 8 December 2026",
                AlertText.title(new dev.auscult.app.Alerts.DueTomorrow(due), new UiText(Locale.UK), now, utc));
        assertEquals("明日が期限です: 2026年12月8日火曜日 までに変更してください",
                AlertText.title(new dev.auscult.app.Alerts.DueTomorrow(due), new UiText(Locale.JAPANESE), now, utc));
    }

    @Test
    void theWindowSaysWhatWasFoundAndWhatCouldNotBeCheckedInTheLanguage() throws Exception {
        var catalog = dev.auscult.probe.SourceCatalog.bundled();
        var snapshot = new dev.auscult.probe.SnapshotCodec(catalog).read(dev.auscult.Fixtures.path("snapshots/linux-ubuntu-20.04-kde-autolock-false.json"));
        var policy = new dev.auscult.policy.PolicyLoader().bundled();
        var report = new dev.auscult.app.ScanService(catalog, "1.0.0", java.time.Clock.systemUTC())
                .replay(snapshot, policy, new dev.auscult.posture.PolicyRef("test", policy.name())).report();
        UiText de = new UiText(Locale.GERMAN);
        var rows = dev.auscult.ui.status.StatusRows.rows(report, new InstructionsLoader().bundled("de"), "KDE", de);
        var lock = rows.stream().filter(r -> r.practice() == dev.auscult.posture.PracticeId.SCREEN_LOCK).findFirst().orElseThrow();
        assertEquals("KDE Plasma sperrt den Bildschirm nicht automatisch (Autolock=false)", de.finding(lock.finding()));
        assertEquals("KDE Plasma does not lock the screen automatically (Autolock=false)", UiText.ENGLISH.finding(lock.finding()),
                "the same finding, in English for the report");
        rows.stream().filter(r -> r.verdict() == dev.auscult.posture.Verdict.UNKNOWN).forEach(r ->
                assertTrue(r.title().endsWith("konnte nicht geprüft werden") || r.title().endsWith("konnten nicht geprüft werden"), r.title()));
        assertEquals("Die Firewall konnte nicht geprüft werden", de.get("practice.unknown.firewall"));
        assertEquals(List.of("Gatekeeper", "Systemintegritätsschutz"), dev.auscult.ui.status.StatusRows.notApplicable(report, de));
        assertEquals("Systemintegritätsschutz gibt es unter Linux nicht", de.get("practice.doesNotApply", "Systemintegritätsschutz", "Linux"));
    }

    @Test
    void everyLanguageExplainsEveryPracticeAndKeepsThePassingAndFailingTitles() {
        InstructionsLoader loader = new InstructionsLoader();
        Instructions english = loader.bundled("en");
        for (Locale l : DisplayLanguage.SHIPPED) {
            String tag = l.toLanguageTag();
            Instructions translated = loader.bundled(tag);
            assertEquals(english.strings().keySet(), translated.strings().keySet(), tag);
            for (var e : english.practices().entrySet()) {
                PracticeText t = translated.practices().get(e.getKey());
                assertTrue(t.title().contains("{{#if passing}}") && t.title().contains("{{else}}") && t.title().contains("{{/if}}"), tag + " " + e.getKey());
                assertFalse(t.description().isBlank(), tag + " " + e.getKey());
                assertEquals(e.getValue().directions().keySet(), t.directions().keySet(), tag + " " + e.getKey() + ": every platform still explained");
                if (!tag.equals("en")) {
                    assertFalse(t.title().equals(e.getValue().title()), tag + " " + e.getKey() + " is translated");
                    assertFalse(t.description().equals(e.getValue().description()), tag + " " + e.getKey() + " is translated");
                    for (var d : e.getValue().directions().entrySet()) {
                        String translatedSteps = t.directions().get(d.getKey());
                        assertFalse(translatedSteps.equals(d.getValue()), tag + " " + e.getKey() + "/" + d.getKey() + ": directions translated");
                        // the settings pages and commands a step opens or runs are the same in every language
                        assertEquals(links(d.getValue()), links(translatedSteps), tag + " " + e.getKey() + "/" + d.getKey() + ": links");
                        assertEquals(code(d.getValue()), code(translatedSteps), tag + " " + e.getKey() + "/" + d.getKey() + ": commands");
                    }
                }
            }
        }
    }

    private static List<String> links(String markdown) {
        return Pattern.compile("\\]\\(([^)]+)\\)").matcher(markdown).results().map(m -> m.group(1)).toList();
    }

    private static List<String> code(String markdown) {
        return Pattern.compile("`([^`]+)`").matcher(markdown).results().map(m -> m.group(1)).sorted().toList();
    }

    @Test
    void anAdminsFileCanBePerLanguageInStethoscopesLayout(@TempDir Path dir) throws Exception {
        Path en = dir.resolve("instructions.en.yaml");
        Files.writeString(en, "strings:\n  rescanButton: Check again\npractices:\n  firewall:\n    title: Acme firewall rule\n");
        Files.writeString(dir.resolve("instructions.de.yaml"), "practices:\n  firewall:\n    title: Acme-Firewall-Regel\n");
        InstructionsLoader loader = new InstructionsLoader();
        Instructions german = loader.withOverride(en, "de");
        assertEquals("Acme-Firewall-Regel", german.practices().get("firewall").title(), "the admin's German file wins");
        assertEquals("Check again", german.strings().get("rescanButton"), "the admin's English file over the bundled German");
        assertTrue(german.practices().get("diskEncryption").title().contains("Verschlüsseln"), "the rest: the bundled German");
        Instructions french = loader.withOverride(en, "fr");
        assertEquals("Acme firewall rule", french.practices().get("firewall").title(), "no French file from the admin: their English one");
        assertTrue(french.practices().get("firewall").directions().containsKey("linux"), "a title alone keeps the directions");
    }
}
