package dev.auscult.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.Fixtures;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstructionsTest {

    private final Instructions bundled = new InstructionsLoader().bundled();

    @Test
    void everyPracticeHasBothTitlesADescriptionAndDirectionsForEveryPlatform() {
        for (PracticeId id : PracticeId.values()) {
            PracticeText t = bundled.practice(id.key()).orElseThrow(() -> new AssertionError("no instructions for " + id.key()));
            String pass = Template.renderLine(t.title(), Map.of("passing", true));
            String fail = Template.renderLine(t.title(), Map.of("passing", false));
            assertFalse(pass.isEmpty(), id.key());
            assertFalse(pass.equals(fail), id.key() + " has one title for both states");
            assertFalse(t.description().isBlank(), id.key());
            for (OsPlatform p : OsPlatform.values()) {
                assertFalse(t.directions().getOrDefault(p.key(), "").isBlank(), id.key() + " has no " + p.key() + " directions");
            }
        }
        for (String key : new String[] {"ok", "warning", "critical", "unknown", "rescanButton", "lastScan"}) {
            assertFalse(bundled.string(key, "").isEmpty(), key);
        }
    }

    @Test
    void stethoscopeInstructionFilesLoadAsTheyAreOverTheBundledOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("instructions.en.yaml");
        Files.writeString(file, Fixtures.text("instructions/stethoscope-instructions-excerpt.yaml"));
        Instructions merged = new InstructionsLoader().withOverride(file);
        assertEquals("Stethoscope", merged.organization());
        assertEquals("Your Firewall should be enabled", Template.renderLine(merged.practice("firewall").orElseThrow().title(), Map.of("passing", false)));
        assertTrue(merged.practice("antivirus").isPresent(), "practices the file lacks come from the bundled file");
        assertEquals("baseline policy", merged.string("policyDescription", ""));
    }

    @Test
    void templatesRenderIfElseVariablesAndDropHtmlHelpers() {
        assertEquals("yes", Template.renderLine("{{#if passing}} yes {{else}} no {{/if}}", Map.of("passing", true)));
        assertEquals("no", Template.renderLine("{{#if passing}}yes{{else}}no{{/if}}", Map.of("passing", false)));
        assertEquals("only", Template.renderLine("{{#if passing}}only{{/if}}", Map.of("passing", true)));
        assertEquals("v 14.5", Template.renderLine("v {{osVersion}}{{requirement \"osVersion\" \"darwin\"}}", Map.of("osVersion", "14.5")));
        // nested blocks (the old regex left a literal {{/if}} behind)
        String nested = "{{#if passing}}ok{{#if managed}} (managed){{/if}}{{else}}fix{{#if managed}} — ask IT{{else}} yourself{{/if}}{{/if}}.";
        assertEquals("ok (managed).", Template.renderLine(nested, Map.of("passing", true, "managed", true)));
        assertEquals("ok.", Template.renderLine(nested, Map.of("passing", true, "managed", false)));
        assertEquals("fix — ask IT.", Template.renderLine(nested, Map.of("passing", false, "managed", true)));
        assertEquals("fix yourself.", Template.renderLine(nested, Map.of("passing", false)));
        assertEquals("a b", Template.renderLine("a {{/if}}b{{#if x}}unterminated", Map.of()), "stray and unterminated tags never show");
    }

    @Test
    void onlyWebMailAndSettingsLinksAreOpened() {
        assertTrue(dev.auscult.ui.SystemLinkOpener.allowed("x-apple.systempreferences:com.apple.preference.security?Firewall"));
        assertTrue(dev.auscult.ui.SystemLinkOpener.allowed("ms-settings:windowsupdate"));
        assertTrue(dev.auscult.ui.SystemLinkOpener.allowed("https://example.com"));
        assertFalse(dev.auscult.ui.SystemLinkOpener.allowed("ps://wf.msc"));
        assertFalse(dev.auscult.ui.SystemLinkOpener.allowed("file:///etc/passwd"));
        assertFalse(dev.auscult.ui.SystemLinkOpener.allowed("javascript:alert(1)"));
    }
}
