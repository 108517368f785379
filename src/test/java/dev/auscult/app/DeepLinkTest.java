package dev.auscult.app;

import dev.auscult.platform.DeepLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeepLinkTest {

    @Test
    void activationLinkFillsTheFieldsItCarries() {
        assertEquals(Optional.of(new DeepLink.Activate(Optional.of("ada@example.com"), Optional.of("acme"), Optional.of("AB12-CD34"))),
                DeepLink.parse("auscult://activate?email=ada%40example.com&account=acme&code=AB12-CD34"));
        assertEquals(Optional.of(new DeepLink.Activate(Optional.empty(), Optional.of("acme"), Optional.empty())),
                DeepLink.parse("auscult://activate?account=acme"));
    }

    @Test
    void schemeAndActionAreCaseInsensitiveAndSlashesOptional() {
        assertEquals(Optional.of(new DeepLink.Activate(Optional.of("a+b@x.org"), Optional.empty(), Optional.empty())),
                DeepLink.parse("AUSCULT://Activate?Email=a%2Bb@x.org"));
        assertEquals(Optional.of(new DeepLink.Activate(Optional.empty(), Optional.empty(), Optional.of("42"))),
                DeepLink.parse("auscult:activate?code=42"));
        assertEquals(Optional.of(new DeepLink.Activate(Optional.of("ada+laptop@x.org"), Optional.of("acme corp"), Optional.empty())),
                DeepLink.parse("auscult://activate?email=ada+laptop@x.org&account=acme%20corp"));
        assertEquals(Optional.of(new DeepLink.Open()),
                DeepLink.parse("auscult://open"));
        assertEquals(Optional.of(new DeepLink.Open()),
                DeepLink.parse("auscult:status"));
    }

    @Test
    void aLinkCarriesTheServerAddressButNeverOverridesAManagedBackend() {
        DeepLink.Activate link = (DeepLink.Activate) DeepLink.parse("auscult://activate?email=a@x.org&backend=https%3A%2F%2Fauscult.acme.example")
                .orElseThrow();
        assertEquals(Optional.of(java.net.URI.create("https://auscult.acme.example")), link.backend());
        var managed = new dev.auscult.ui.activation.ActivationWizard.Prefill(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(java.net.URI.create("https://managed.example/graphql")));
        assertEquals(managed.backend(), managed.withLink(link).backend(), "the managed backend stays");
        assertEquals(Optional.empty(), managed.suggestedAddress(link), "and the link's address is not offered");
        var unmanaged = new dev.auscult.ui.activation.ActivationWizard.Prefill(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(link.backend(), unmanaged.suggestedAddress(link), "without one, it fills in the field the person sees");
        for (String odd : new String[] {"http://evil.example/graphql", "javascript:alert(1)", "file:///etc/passwd", "not a url"}) {
            DeepLink.Activate l = (DeepLink.Activate) DeepLink.parse("auscult://activate?email=a@x.org&backend="
                    + java.net.URLEncoder.encode(odd, java.nio.charset.StandardCharsets.UTF_8)).orElseThrow();
            assertEquals(Optional.empty(), l.backend(), odd);
        }
    }

    @Test
    void craftedValuesAreCleanedAndOversizedOnesDropped() {
        assertEquals(Optional.of(new DeepLink.Activate(Optional.of("a@x.orginjected"), Optional.empty(), Optional.empty())),
                DeepLink.parse("auscult://activate?email=a@x.org%0A%0Dinjected&code=" + "9".repeat(300)));
        assertEquals(Optional.empty(), DeepLink.parse("auscult://activate?email=%E0%A4%A&account=acme"));
    }

    @Test
    void theOneTimeCodeNeverShowsInLogs() {
        String shown = DeepLink.parse("auscult://activate?email=a@x.org&code=SECRET-77").orElseThrow().toString();
        assertFalse(shown.contains("SECRET-77"), shown);
        assertTrue(shown.contains("a@x.org"), shown);
    }

    @Test
    void anythingElseIsNotALink() {
        assertEquals(Optional.empty(), DeepLink.parse("--start-hidden"));
        assertEquals(Optional.empty(), DeepLink.parse("https://example.com/activate?code=1"));
        assertEquals(Optional.empty(), DeepLink.parse("auscult://uninstall"));
        assertEquals(Optional.empty(), DeepLink.parse("auscult://"));
        assertEquals(Optional.empty(), DeepLink.parse("auscult://activate?x=%zz y"));
        assertEquals(Optional.empty(), DeepLink.parse("auscult://open?" + "a".repeat(3000)));
        assertEquals(Optional.empty(), DeepLink.parse(null));
    }

    @Test
    void recognisesLinksAmongLauncherArguments() {
        assertTrue(DeepLink.looksLikeLink("auscult://open"));
        assertTrue(DeepLink.looksLikeLink("Auscult:activate"));
        assertFalse(DeepLink.looksLikeLink("--policy"));
    }
}
