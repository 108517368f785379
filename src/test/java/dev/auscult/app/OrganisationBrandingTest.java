package dev.auscult.app;

import dev.auscult.config.Branding;
import dev.auscult.config.AppPaths;
import dev.auscult.config.ManagedFileTrust;
import dev.auscult.config.AgentConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The organisation's name, logo, accent colour and support contact: from the managed file only, bad values named. */
class OrganisationBrandingTest {

    @TempDir
    Path dir;

    private AgentConfig load(String managed, String user) throws Exception {
        AppPaths p = new AppPaths(dir.resolve("user"), dir.resolve("state"), dir.resolve("managed"));
        Files.createDirectories(p.configDir());
        Files.createDirectories(p.managedDir());
        if (managed != null) {
            Files.writeString(p.managedDir().resolve("config.yaml"), managed);
        }
        if (user != null) {
            Files.writeString(p.configDir().resolve("config.yaml"), user);
        }
        return AgentConfig.load(p, ManagedFileTrust.anyOwner());
    }

    @Test
    void anAdministratorsOrganisationIsUsed() throws Exception {
        Path logo = Files.copy(Path.of("icons/auscult.png"), dir.resolve("acme.png"));
        AgentConfig c = load("""
                organization:
                  name: Acme IT
                  logo: %s
                  accentColor: "#0B5FFF"
                  supportContact: it-help@acme.example
                """.formatted(logo), null);
        assertEquals(new Branding(Optional.of("Acme IT"), Optional.of(logo), Optional.of("#0B5FFF"), Optional.of("it-help@acme.example")),
                c.branding());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        assertEquals("Acme IT", c.branding().who());
    }

    @Test
    void whatCannotBeUsedIsNamedAndTheRestApplies() throws Exception {
        Files.writeString(dir.resolve("logo.svg"), "<svg/>");
        AgentConfig c = load("""
                organization:
                  name: Acme IT
                  logo: %s
                  accentColor: "#FFEE88"
                  supportContact: "<script>"
                  colour: red
                """.formatted(dir.resolve("logo.svg")), null);
        assertEquals(Optional.of("Acme IT"), c.branding().name());
        assertTrue(c.branding().logo().isEmpty() && c.branding().accentColor().isEmpty() && c.branding().supportContact().isEmpty());
        String all = String.join("\n", c.warnings());
        assertTrue(all.contains("SVG cannot be shown yet; give a PNG"), all);
        assertTrue(all.contains("accentColor #FFEE88 is too light for white text on it"), all);
        assertTrue(all.contains("supportContact must be an e-mail address, a web address or a phone number"), all);
        assertTrue(all.contains("colour is not an organization setting"), all);
        AgentConfig bad = load("organization:\n  accentColor: blue\n  logo: /nowhere/acme.png\n", null);
        assertTrue(String.join("\n", bad.warnings()).contains("'blue' is not a #RRGGBB colour"));
        assertTrue(String.join("\n", bad.warnings()).contains("does not exist or is larger than 1 MB"));
    }

    @Test
    void aUserCannotDressTheAgentAsTheirOrganisation() throws Exception {
        AgentConfig c = load(null, "organization:\n  name: Totally IT\n");
        assertEquals(Branding.NONE, c.branding());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("'organization' is set by your administrator's managed configuration only")),
                c.warnings().toString());
        assertEquals("your organisation", c.branding().who());
    }

    @Test
    void anAccentTooDarkForLinksOnTheDarkThemeIsLightenedAndOneThatReadsIsKept() {
        String onDark = Branding.readableOn("#0b5fff", "#0d1117");
        assertTrue(Branding.contrast("#0b5fff", "#0d1117") < 4.5, "the brand blue alone does not read on the dark theme");
        assertTrue(Branding.contrast(onDark, "#0d1117") >= 4.5, onDark);
        assertEquals("#0b5fff", Branding.readableOn("#0b5fff", "#ffffff"), "on white it already reads");
        String onWhite = Branding.readableOn("#5aa9ff", "#ffffff");
        assertTrue(Branding.contrast(onWhite, "#ffffff") >= 4.5, "a light accent is darkened for links on white: " + onWhite);
        assertEquals(21.0, Branding.contrast("#000000", "#ffffff"), 0.01);
    }
}
