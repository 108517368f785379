package dev.auscult.app;

import dev.auscult.platform.DeepLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.sync.SignInConfirmer;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code auscult://prove} link a sign-in page opens: read strictly (a challenge of the server's form and a safe
 * server address, else not a link at all), answered only for the server the device is activated with, and the
 * person's once-per-server consent remembered across restarts.
 */
class SignInLinkTest {

    private static final String CHALLENGE = "Q0hBTExFTkdFLWNoYWxsZW5nZS0xMjM0NTY3ODkwYWI";

    @TempDir
    Path state;

    @Test
    void aProveLinkCarriesItsChallengeAndServer() {
        DeepLink.Prove p = (DeepLink.Prove) DeepLink.parse("auscult://prove?challenge=" + CHALLENGE + "&server=https%3A%2F%2Fauscult.acme.example")
                .orElseThrow();
        assertEquals(CHALLENGE, p.challenge());
        assertEquals(URI.create("https://auscult.acme.example"), p.server());
        assertFalse(p.toString().contains(CHALLENGE), "the challenge never reaches a log line");
    }

    @Test
    void malformedProveLinksAreNotLinks() {
        assertTrue(DeepLink.parse("auscult://prove?challenge=" + CHALLENGE).isEmpty(), "no server");
        assertTrue(DeepLink.parse("auscult://prove?server=https%3A%2F%2Fa.example").isEmpty(), "no challenge");
        assertTrue(DeepLink.parse("auscult://prove?challenge=short&server=https%3A%2F%2Fa.example").isEmpty(), "not a challenge the server makes");
        assertTrue(DeepLink.parse("auscult://prove?challenge=" + CHALLENGE + "&server=http%3A%2F%2Fevil.example").isEmpty(),
                "plain http to another machine is not a server the agent talks to");
        assertTrue(DeepLink.parse("auscult://prove?challenge=" + CHALLENGE + "%3Cscript%3E&server=https%3A%2F%2Fa.example").isEmpty());
    }

    @Test
    void onlyTheActivatedServerIsAnswered() {
        URI backend = URI.create("https://auscult.acme.example/graphql");
        assertTrue(SignInConfirmer.sameServer(URI.create("https://auscult.acme.example"), backend));
        assertTrue(SignInConfirmer.sameServer(URI.create("https://AUSCULT.acme.example:443/"), backend));
        assertFalse(SignInConfirmer.sameServer(URI.create("https://auscult.acme.example.evil.example"), backend));
        assertFalse(SignInConfirmer.sameServer(URI.create("https://auscult.acme.example:8443"), backend));
        assertFalse(SignInConfirmer.sameServer(URI.create("http://auscult.acme.example"), backend));
    }

    @Test
    void consentIsAskedOncePerServerAndRemembered() throws Exception {
        SignInConsent consent = new SignInConsent(state);
        URI acme = URI.create("https://auscult.acme.example/graphql");
        assertFalse(consent.given(acme));
        consent.give(acme);
        assertTrue(new SignInConsent(state).given(URI.create("https://auscult.acme.example")), "remembered for the server, after a restart");
        assertFalse(new SignInConsent(state).given(URI.create("https://other.example")), "not for another server");
        java.nio.file.Files.writeString(state.resolve("signin-consent.txt"), "\0\0garbage");
        assertFalse(new SignInConsent(state).given(acme), "a damaged file is 'not asked yet', never 'agreed'");
    }
}
