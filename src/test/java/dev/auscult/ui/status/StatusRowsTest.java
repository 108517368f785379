package dev.auscult.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.instructions.SettingsLink;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.ReportSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window's rows without any toolkit: order, titles, what is expanded, which settings open. */
class StatusRowsTest {

    private final List<PracticeRowModel> rows = StatusRows.rows(ReportSamples.mixed(), new InstructionsLoader().bundled(), "ubuntu:GNOME", dev.auscult.ui.UiText.ENGLISH);

    @Test
    void groupsWorstFirstAndHidesPracticesThePolicyDoesNotJudge() {
        assertEquals(List.of(PracticeId.DISK_ENCRYPTION, PracticeId.REMOTE_LOGIN, PracticeId.SCREEN_LOCK,
                PracticeId.AUTOMATIC_UPDATES, PracticeId.FIREWALL), rows.stream().map(PracticeRowModel::practice).toList());
        assertEquals(List.of(Verdict.FAIL, Verdict.FAIL, Verdict.UNKNOWN, Verdict.NUDGE, Verdict.PASS),
                rows.stream().map(PracticeRowModel::verdict).toList());
    }

    @Test
    void titlesUseThePassingOrFailingVariant() {
        assertEquals("Encrypt your disk", rows.get(0).title());
        assertEquals("The firewall is on", rows.get(4).title());
        assertEquals("Could not check the screen lock", rows.get(2).title());
    }

    @Test
    void featuresThePlatformLacksAreNotTitledAsIfTheyWereOn() {
        var result = new dev.auscult.posture.PracticeResult(dev.auscult.posture.Observation.unsupported(PracticeId.GATEKEEPER,
                dev.auscult.posture.Finding.plain("Gatekeeper is a macOS feature; Linux has no equivalent")), java.util.Optional.of(Verdict.PASS),
                java.util.Optional.of("IF_SUPPORTED"), dev.auscult.posture.Finding.plain("Gatekeeper is a macOS feature; Linux has no equivalent"), List.of());
        var row = StatusRows.rows(ReportSamples.report(OsPlatform.LINUX, result), new InstructionsLoader().bundled(), "", dev.auscult.ui.UiText.ENGLISH).getFirst();
        assertEquals("Gatekeeper does not apply to Linux", row.title());
    }

    @Test
    void theFirstFailureIsExpanded() {
        assertEquals(PracticeId.DISK_ENCRYPTION, StatusRows.firstToExpand(rows).orElseThrow().practice());
    }

    @Test
    void directionsAreForThisPlatformAndSettingsOpenTheRightPage() {
        PracticeRowModel remote = rows.get(1);
        assertTrue(remote.directions().contains("systemctl disable --now ssh"), remote.directions());
        assertEquals(new SettingsLink.Program(dev.auscult.instructions.SettingsApp.GNOME_SETTINGS, List.of("gnome-control-center", "sharing")), remote.settings().orElseThrow());
        var mac = StatusRows.rows(ReportSamples.report(OsPlatform.DARWIN, ReportSamples.result(PracticeId.FIREWALL, Verdict.FAIL, "off")),
                new InstructionsLoader().bundled(), "", dev.auscult.ui.UiText.ENGLISH);
        assertEquals(new SettingsLink.Uri(dev.auscult.instructions.SettingsApp.MAC_SYSTEM_SETTINGS, "x-apple.systempreferences:com.apple.Network-Settings.extension?Firewall"),
                mac.getFirst().settings().orElseThrow());
        var win = StatusRows.rows(ReportSamples.report(OsPlatform.WIN32, ReportSamples.result(PracticeId.AUTOMATIC_UPDATES, Verdict.FAIL, "off")),
                new InstructionsLoader().bundled(), "", dev.auscult.ui.UiText.ENGLISH);
        assertEquals("ms-settings:windowsupdate", ((SettingsLink.Uri) win.getFirst().settings().orElseThrow()).uri());
    }

    @Test
    void relativeTimes() {
        var t = java.time.Instant.parse("2026-11-26T10:00:00Z");
        assertEquals("just now", RelativeTime.since(t, t.plusSeconds(10)));
        assertEquals("a minute ago", RelativeTime.since(t, t.plusSeconds(70)));
        assertEquals("5 minutes ago", RelativeTime.since(t, t.plusSeconds(300)));
        assertEquals("2 hours ago", RelativeTime.since(t, t.plusSeconds(7200)));
        assertEquals("yesterday", RelativeTime.since(t, t.plusSeconds(90000)));
        assertEquals("42 ms", RelativeTime.duration(42));
        assertEquals("1.5 s", RelativeTime.duration(1500));
    }
}
