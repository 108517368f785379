package dev.auscult.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyException;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import dev.auscult.probe.Recorded;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.report.ReportJson;
import dev.auscult.ui.ReportSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadlines: a policy's grace periods turn a new failure into a dated NUDGE, kept across restarts, then a FAIL. */
class GracePeriodsTest {

    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final String POLICY = """
            diskEncryption: ALWAYS
            firewall: ALWAYS
            auscult:
              graceDays:
                default: 7
                diskEncryption: 14
            """;

    private static Policy policy(String text) throws PolicyException {
        return new PolicyLoader().parse("policy.yaml", text, "test");
    }

    @Test
    void theExtensionIsReadAndItsMistakesAreNamed() throws Exception {
        Policy p = policy(POLICY);
        assertEquals(OptionalInt.of(14), p.grace().forPractice(PracticeId.DISK_ENCRYPTION));
        assertEquals(OptionalInt.of(7), p.grace().forPractice(PracticeId.FIREWALL));
        assertTrue(p.warnings().isEmpty(), p.warnings().toString());
        assertTrue(policy("firewall: ALWAYS\n").grace().isEmpty(), "a Stethoscope policy has no grace");
        var bad = assertThrows(PolicyException.class, () -> policy("auscult:\n  graceDays:\n    firewall: soon\n"));
        assertTrue(bad.getMessage().contains("policy.yaml:3:15: auscult.graceDays.firewall: 'soon' is not a number of days from 0 to 365"),
                bad.getMessage());
        assertThrows(PolicyException.class, () -> policy("auscult:\n  graceDays:\n    firewall: 400\n"));
        Policy typo = policy("auscult:\n  graceDays:\n    firewal: 3\n  reminders: true\n");
        assertTrue(typo.warnings().stream().anyMatch(w -> w.contains("auscult.graceDays.firewal: not a practice key, ignored — did you mean 'firewall'?")),
                typo.warnings().toString());
        assertTrue(typo.warnings().stream().anyMatch(w -> w.contains("auscult.reminders: unknown Auscult policy setting")));
        assertTrue(policy("auscult:\n  graceDays:\n    firewall: 0\n").grace().isEmpty(), "0 days is no grace");
    }

    @Test
    void aNewFailureIsADatedNudgeUntilItsDayThenAFailAndAFixStartsAfresh() throws Exception {
        Policy p = policy(POLICY);
        FailureHistory history = new FailureHistory(dir.resolve("failing-since.json"));
        var failing = Recorded.on(OsPlatform.LINUX)
                .command("linux.block_devices", 0, "{\"blockdevices\": [{\"name\": \"vda\", \"type\": \"disk\", \"fstype\": null, \"mountpoint\": \"/\"}]}");
        ScanReport first = scan(p, history, failing, T0);
        PracticeResult disk = first.practice(PracticeId.DISK_ENCRYPTION).orElseThrow();
        assertEquals(Optional.of(Verdict.NUDGE), disk.verdict());
        assertEquals(T0.plus(Duration.ofDays(14)), disk.deadline().orElseThrow().dueBy());
        assertTrue(new ReportJson().write(first).contains("\"dueBy\" : \"2026-12-15T09:00:00Z\""));
        // the server reads reports with the added fields as before (it stores the verdict: NUDGE)
        var summary = dev.auscult.report.ReportSummary.parse(new ReportJson().write(first));
        assertEquals(first.practices().size(), summary.practices().size());

        // a restart: a new history object on the same file keeps the first-seen time
        FailureHistory afterRestart = new FailureHistory(dir.resolve("failing-since.json"));
        ScanReport later = scan(p, afterRestart, failing, T0.plus(Duration.ofDays(13)));
        assertEquals(Optional.of(Verdict.NUDGE), later.practice(PracticeId.DISK_ENCRYPTION).orElseThrow().verdict());
        ScanReport overdue = scan(p, afterRestart, failing, T0.plus(Duration.ofDays(14)));
        PracticeResult late = overdue.practice(PracticeId.DISK_ENCRYPTION).orElseThrow();
        assertEquals(Optional.of(Verdict.FAIL), late.verdict());
        assertEquals(T0, late.deadline().orElseThrow().failingSince(), "the report still says since when");
        assertEquals(Optional.of(Verdict.FAIL), overdue.status());

        // fixed, then failing again: a new grace from the new failure
        var encrypted = Recorded.on(OsPlatform.LINUX).command("linux.block_devices", 0,
                "{\"blockdevices\": [{\"name\": \"vda\", \"type\": \"disk\", \"fstype\": \"crypto_LUKS\", \"children\": [{\"name\": \"root\", \"type\": \"crypt\", \"fstype\": \"ext4\", \"mountpoint\": \"/\"}]}]}");
        assertEquals(Optional.of(Verdict.PASS), scan(p, afterRestart, encrypted, T0.plus(Duration.ofDays(20))).practice(PracticeId.DISK_ENCRYPTION).orElseThrow().verdict());
        ScanReport again = scan(p, afterRestart, failing, T0.plus(Duration.ofDays(30)));
        assertEquals(T0.plus(Duration.ofDays(44)), again.practice(PracticeId.DISK_ENCRYPTION).orElseThrow().deadline().orElseThrow().dueBy());
    }

    @Test
    void aCheckThatCannotRunKeepsTheClockAndADamagedFileStartsAfresh() throws Exception {
        FailureHistory history = new FailureHistory(dir.resolve("failing-since.json"));
        var fail = List.of(ReportSamples.result(PracticeId.FIREWALL, Verdict.FAIL, "off"));
        var unknown = List.of(ReportSamples.result(PracticeId.FIREWALL, Verdict.UNKNOWN, "systemctl timed out"));
        assertEquals(T0, history.update(fail, T0).get(PracticeId.FIREWALL));
        assertEquals(T0, history.update(unknown, T0.plusSeconds(60)).get(PracticeId.FIREWALL), "UNKNOWN says nothing about a fix");
        assertEquals(T0, history.update(fail, T0.plusSeconds(120)).get(PracticeId.FIREWALL));
        Files.writeString(dir.resolve("failing-since.json"), "{\"firewall\": \"not a time\", ");
        assertEquals(T0.plusSeconds(180), history.update(fail, T0.plusSeconds(180)).get(PracticeId.FIREWALL));
        assertTrue(Files.readString(dir.resolve("failing-since.json")).contains("firewall"), "rewritten whole");
    }

    @Test
    void theUserHearsOfTheDateOnceAndIsRemindedTheDayBefore() {
        var due = new dev.auscult.posture.Deadline(T0, T0.plus(Duration.ofDays(14)));
        var nudge = ReportSamples.result(PracticeId.DISK_ENCRYPTION, Verdict.NUDGE, "the system disk is not encrypted").withDeadline(Verdict.NUDGE, due);
        ScanReport report = ReportSamples.report(OsPlatform.LINUX, nudge);
        ZoneId utc = ZoneOffset.UTC;
        Alerts.Alert first = Alerts.decide(Map.of(PracticeId.DISK_ENCRYPTION, Verdict.PASS), report, UserSettings.defaults(), T0).orElseThrow();
        assertEquals(new Alerts.NewDeadlines(1, due), first.kind(), "the date is said once");
        assertTrue(Alerts.decide(Alerts.verdicts(report), report, UserSettings.defaults(), T0.plus(Duration.ofDays(5))).isEmpty(),
                "no daily nagging while there is time");
        Alerts.Alert dayBefore = Alerts.decide(Alerts.verdicts(report), report, UserSettings.defaults(), T0.plus(Duration.ofDays(13)).plusSeconds(3600))
                .orElseThrow();
        assertEquals(new Alerts.DueTomorrow(due), dayBefore.kind());
        assertTrue(dayBefore.reminder());
        assertEquals("Tuesday, 15 December 2026", DueDates.day(due, utc, Locale.UK, java.time.format.FormatStyle.FULL));
        assertEquals("Dienstag, 15. Dezember 2026", DueDates.day(due, utc, Locale.GERMANY, java.time.format.FormatStyle.FULL),
                "dates in the user's language");
    }

    private static ScanReport scan(Policy p, FailureHistory history, Recorded evidence, Instant at) {
        ScanService service = new ScanService(SourceCatalog.bundled(), "1.0.0", Clock.fixed(at, ZoneOffset.UTC), Optional.of(history));
        return service.scanLive(OsPlatform.LINUX, evidence.evidence(), p, new PolicyRef("test", p.name())).report();
    }
}
