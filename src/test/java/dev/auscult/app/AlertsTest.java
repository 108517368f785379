package dev.auscult.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.ReportSamples;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final ScanReport mixed = ReportSamples.mixed();

    @Test
    void aNewlyFailingPracticeIsAnnouncedAndOpensItsRow() {
        Map<PracticeId, Verdict> before = Map.of(PracticeId.DISK_ENCRYPTION, Verdict.PASS, PracticeId.REMOTE_LOGIN, Verdict.FAIL,
                PracticeId.SCREEN_LOCK, Verdict.UNKNOWN);
        Alerts.Alert a = Alerts.decide(before, mixed, UserSettings.defaults(), NOW).orElseThrow();
        assertEquals(new Alerts.NewProblems(1, 0), a.kind(), "one setting newly needs attention");
        assertEquals(Optional.of(PracticeId.DISK_ENCRYPTION), a.practice());
        assertFalse(a.reminder());
    }

    @Test
    void nothingNewMeansAtMostOneReminderADay() {
        Map<PracticeId, Verdict> same = Alerts.verdicts(mixed);
        UserSettings fresh = UserSettings.defaults().remindedAt(NOW.minus(Duration.ofHours(3)));
        assertTrue(Alerts.decide(same, mixed, fresh, NOW).isEmpty());
        UserSettings stale = UserSettings.defaults().remindedAt(NOW.minus(Duration.ofHours(25)));
        assertTrue(Alerts.decide(same, mixed, stale, NOW).orElseThrow().reminder());
    }

    @Test
    void snoozeSilencesRemindersButNotNewFailures() {
        UserSettings snoozed = UserSettings.defaults().snoozedUntil(NOW.plus(Duration.ofHours(20)));
        assertTrue(Alerts.decide(Alerts.verdicts(mixed), mixed, snoozed, NOW).isEmpty());
        assertTrue(Alerts.decide(Map.of(), mixed, snoozed, NOW).isPresent());
    }

    @Test
    void becomingUnknownIsAnnouncedToo() {
        ScanReport unknownOnly = ReportSamples.report(OsPlatform.LINUX, ReportSamples.result(PracticeId.FIREWALL, Verdict.UNKNOWN, "systemctl timed out"));
        Alerts.Alert a = Alerts.decide(Map.of(PracticeId.FIREWALL, Verdict.PASS), unknownOnly, UserSettings.defaults(), NOW).orElseThrow();
        assertEquals(new Alerts.NewProblems(0, 1), a.kind(), "one setting newly could not be checked");
        assertEquals("systemctl timed out", a.finding().english(), "the notification says what was found");
    }

    @Test
    void allPassingIsQuiet() {
        ScanReport ok = ReportSamples.report(OsPlatform.LINUX, ReportSamples.result(PracticeId.FIREWALL, Verdict.PASS, "on"));
        assertTrue(Alerts.decide(Map.of(), ok, UserSettings.defaults(), NOW).isEmpty());
    }
}
