package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.LocalApiProblem;
import dev.auscult.app.SyncNotice;
import dev.auscult.sync.BackendException;
import dev.auscult.ui.status.StatusView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The banner above the practices: the facts reporting, activation and the web check-in service give are said in the
 * person's language, several at once together, and good news is not shown as a problem.
 */
class BannerNoticesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void nothingToSayShowsNoBanner() {
        assertEquals(Optional.empty(), new Notices(UiText.ENGLISH, clock, List.of()).current());
    }

    @Test
    void factsAreSaidInThePersonsLanguage() {
        Notices english = new Notices(UiText.ENGLISH, clock, List.of());
        english.sync(Optional.of(new SyncNotice.BackendUnreachable(Optional.of(NOW.minusSeconds(60)))));
        assertEquals(new StatusView.Notice("Results will be sent when your organisation's server can be reached again.", true), english.current().get());

        Notices german = new Notices(new UiText(Locale.GERMAN), clock, List.of());
        german.sync(Optional.of(new SyncNotice.ManagedActivationFailed(BackendException.Kind.CODE_EXPIRED)));
        String said = german.current().get().text();
        assertTrue(said.contains(new UiText(Locale.GERMAN).get("wizard.error.codeExpired")), said);
        assertFalse(said.contains("CODE_EXPIRED"), "never the transport's words: " + said);
    }

    @Test
    void aDeviceSilentForADayIsToldItCountsAsNotSeen() {
        Notices notices = new Notices(UiText.ENGLISH, clock, List.of());
        notices.sync(Optional.of(new SyncNotice.BackendUnreachable(Optional.of(NOW.minus(Duration.ofHours(30))))));
        assertTrue(notices.current().get().text().startsWith("Your organisation has had no report from this device since"),
                notices.current().get().text());
    }

    @Test
    void goodNewsIsInformationUnlessAProblemShowsWithIt() {
        Notices notices = new Notices(UiText.ENGLISH, clock, List.of());
        notices.sync(Optional.of(new SyncNotice.ManagedActivated("ann@acme.example", "acme")));
        assertEquals(new StatusView.Notice("This device was activated by your organisation for ann@acme.example. Its results are being sent now.", false),
                notices.current().get());
        notices.localApi(Optional.of(new LocalApiProblem.PortInUse(8765)));
        StatusView.Notice both = notices.current().get();
        assertTrue(both.problem());
        assertEquals(2, both.text().lines().count(), both.text());
        assertTrue(both.text().contains("port 8765 is already in use"), both.text());

        notices.localApi(Optional.empty());
        notices.sync(Optional.empty());
        assertEquals(Optional.empty(), notices.current(), "an ended problem leaves the banner");
    }

    @Test
    void ignoredConfigurationIsNeverUnsaid() {
        Notices notices = new Notices(UiText.ENGLISH, clock, List.of("rescanIntervall: not a known key", "language: 42"));
        assertEquals(new StatusView.Notice("Part of the configuration was ignored: rescanIntervall: not a known key (and 1 more in the log)", true),
                notices.current().get());
        notices.said("Sign-in to Acme SSO is allowed.", false);
        assertTrue(notices.current().get().problem(), "the ignored configuration is still a problem");
    }
}
