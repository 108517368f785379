package dev.auscult.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentState;
import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.instructions.SettingsLink;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.LinkOpener;
import dev.auscult.ui.ReportSamples;
import dev.auscult.ui.Theme;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle): what it shows and what its buttons do. */
@ExtendWith(ApplicationExtension.class)
class StatusViewTest {

    private final AtomicInteger rescans = new AtomicInteger();
    private final List<Object> opened = new CopyOnWriteArrayList<>();
    private StatusView view;

    @Start
    void start(Stage stage) {
        LinkOpener recording = new LinkOpener() {
            @Override
            public void open(SettingsLink link) {
                opened.add(link);
            }

            @Override
            public void openUri(String uri) {
                opened.add(uri);
            }
        };
        view = new StatusView(new InstructionsLoader().bundled(), "ubuntu:GNOME", rescans::incrementAndGet, recording);
        Theme.followSystem();
        Scene scene = new Scene(view, 500, 700);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.setScene(scene);
        stage.show();
        view.update(new AgentState(Optional.of(ReportSamples.mixed()), false, Optional.empty()), Instant.parse("2026-11-26T10:03:00Z"));
    }

    @Test
    void passingSettingsFoldIntoOneLineThatStaysOpenOnceOpened(FxRobot robot) {
        TitledPane fine = robot.lookup("#fine-group").queryAs(TitledPane.class);
        assertEquals("1 setting is fine", fine.getText());
        assertFalse(fine.isExpanded(), "only what needs doing is open at first");
        assertTrue(robot.from(fine).lookup("#practice-firewall").tryQuery().isPresent(), "the passing row lives in the fine group");
        assertFalse(robot.from(fine).lookup("#practice-diskEncryption").tryQuery().isPresent());
        robot.interact(() -> fine.setExpanded(true));
        robot.interact(() -> view.update(new AgentState(Optional.of(ReportSamples.mixed()), false, Optional.empty()),
                Instant.parse("2026-11-26T10:09:00Z")));
        assertTrue(robot.lookup("#fine-group").queryAs(TitledPane.class).isExpanded(), "a rescan keeps the user's choice");
    }

    @Test
    void aSettingTheUserFixedSaysSoOnTopBeforeJoiningTheFineList(FxRobot robot) {
        java.util.function.Supplier<dev.auscult.posture.ScanReport> fixedDisk = () -> ReportSamples.report(dev.auscult.posture.OsPlatform.LINUX,
                ReportSamples.result(PracticeId.FIREWALL, dev.auscult.posture.Verdict.PASS, "ufw is enabled and running"),
                ReportSamples.result(PracticeId.DISK_ENCRYPTION, dev.auscult.posture.Verdict.PASS, "the system disk is encrypted (LUKS)"),
                ReportSamples.result(PracticeId.REMOTE_LOGIN, dev.auscult.posture.Verdict.FAIL, "remote login is open"));
        robot.interact(() -> view.update(new AgentState(Optional.of(fixedDisk.get()), false, Optional.empty()), Instant.parse("2026-11-26T10:09:00Z")));
        assertEquals("Fixed just now (1)", robot.lookup("#fixed-heading").queryAs(Label.class).getText());
        TitledPane fine = robot.lookup("#fine-group").queryAs(TitledPane.class);
        assertFalse(robot.from(fine).lookup("#practice-diskEncryption").tryQuery().isPresent(), "a fixed setting is shown on top first");
        assertEquals("1 setting is fine", fine.getText());

        robot.interact(() -> view.update(new AgentState(Optional.of(fixedDisk.get()), false, Optional.empty()), Instant.parse("2026-11-26T11:09:00Z")));
        assertTrue(robot.lookup("#fixed-heading").tryQuery().isEmpty(), "the next scan moves it to the fine list");
        assertTrue(robot.from(robot.lookup("#fine-group").queryAs(TitledPane.class)).lookup("#practice-diskEncryption").tryQuery().isPresent());
    }

    @Test
    void theFooterOffersWhatIsSentOnceTheAppProvidesIt(FxRobot robot) {
        javafx.scene.control.Hyperlink link = robot.lookup("#what-is-sent").queryAs(javafx.scene.control.Hyperlink.class);
        assertFalse(link.isVisible(), "no link without a view to open");
        AtomicInteger opened = new AtomicInteger();
        robot.interact(() -> view.onWhatIsSent(opened::incrementAndGet));
        assertTrue(link.isVisible());
        robot.interact(link::fire);
        assertEquals(1, opened.get());
    }

    @Test
    void withNothingToDoTheFineListIsShownOpen(FxRobot robot) {
        // twice: the first scan after a fix shows the fixed setting on top, the next puts it among the fine ones
        for (int i = 0; i < 2; i++) {
            robot.interact(() -> view.update(new AgentState(Optional.of(ReportSamples.report(dev.auscult.posture.OsPlatform.LINUX,
                    ReportSamples.result(PracticeId.FIREWALL, dev.auscult.posture.Verdict.PASS, "ufw is enabled"),
                    ReportSamples.result(PracticeId.DISK_ENCRYPTION, dev.auscult.posture.Verdict.PASS, "LUKS"))), false, Optional.empty()),
                    Instant.parse("2026-11-26T10:09:00Z")));
        }
        TitledPane fine = robot.lookup("#fine-group").queryAs(TitledPane.class);
        assertEquals("2 settings are fine", fine.getText());
        assertTrue(fine.isExpanded());
    }

    @Test
    void showsTheDeviceTheVerdictAndWhenItWasScanned(FxRobot robot) {
        assertEquals("alice-laptop", robot.lookup("#device-name").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#summary").queryAs(Label.class).getText().contains("need your attention"));
        assertEquals("Last scanned 3 minutes ago (42 ms)", robot.lookup("#last-scanned").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#header").query().getStyleClass().contains("verdict-fail"));
    }

    @Test
    void rowsAreOrderedWorstFirstWithOnlyTheFirstFailureOpen(FxRobot robot) {
        List<String> ids = robot.lookup(".practice-row").queryAllAs(TitledPane.class).stream().map(Node::getId).toList();
        assertEquals(List.of("practice-diskEncryption", "practice-remoteLogin", "practice-screenLock", "practice-automaticUpdates",
                "practice-firewall"), ids);
        assertTrue(robot.lookup("#practice-diskEncryption").queryAs(TitledPane.class).isExpanded());
        assertFalse(robot.lookup("#practice-remoteLogin").queryAs(TitledPane.class).isExpanded());
    }

    @Test
    void unknownRowsSayWhatCouldNotBeCheckedAndWhy(FxRobot robot) {
        robot.clickOn("#practice-screenLock");
        Label why = robot.lookup("#finding-screenLock").queryAs(Label.class);
        assertEquals("Why: no graphical desktop session was found", why.getText());
        assertEquals("Could not check the screen lock", robot.lookup("#practice-screenLock").lookup(".practice-title").queryAs(Label.class).getText());
    }

    @Test
    void rescanAsksTheRuntime(FxRobot robot) {
        robot.clickOn("#rescan");
        assertEquals(1, rescans.get());
    }

    @Test
    void openSettingsUsesThePlatformLink(FxRobot robot) {
        robot.clickOn("#practice-remoteLogin");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#open-settings-remoteLogin");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(new SettingsLink.Program(dev.auscult.instructions.SettingsApp.GNOME_SETTINGS, List.of("gnome-control-center", "sharing"))), opened);
    }

    @Test
    void scanningDisablesRescanAndKeepsTheResults(FxRobot robot) {
        robot.interact(() -> view.update(new AgentState(Optional.of(ReportSamples.mixed()), true, Optional.empty()), Instant.now()));
        assertTrue(robot.lookup("#rescan").queryAs(Button.class).isDisabled());
        assertEquals("Scanning…", robot.lookup("#last-scanned").queryAs(Label.class).getText());
        assertEquals(5, robot.lookup(".practice-row").queryAll().size());
    }

    @Test
    void aProblemIsShownInPlainWords(FxRobot robot) {
        robot.interact(() -> view.update(new AgentState(Optional.of(ReportSamples.mixed()), false,
                Optional.of(new dev.auscult.app.ScanProblem.PolicyUnusable("policy.yaml line 3: firewall must be ALWAYS, SUGGESTED or IF_SUPPORTED"))),
                Instant.now()));
        Label problem = robot.lookup("#problem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertTrue(problem.getText().startsWith("The policy could not be used"), problem.getText());
        assertTrue(problem.getText().endsWith("firewall must be ALWAYS, SUGGESTED or IF_SUPPORTED"), "with what was wrong");
    }

    @Test
    void aWebPagesScanIsNamedWithoutHidingRescan(FxRobot robot) {
        robot.interact(() -> view.remoteScanBy("A very long single sign-on portal name that goes on and on", Instant.parse("2026-11-26T10:03:00Z")));
        Label remote = robot.lookup("#remote-scan").queryAs(Label.class);
        assertTrue(remote.getText().startsWith("Last scanned by A very long"), remote.getText());
        Button rescan = robot.lookup("#rescan").queryAs(Button.class);
        assertEquals(rescan.prefWidth(-1), rescan.getWidth(), 0.5, "the Rescan button is never squeezed");
    }

    @Test
    void longTitlesWrapInsteadOfWideningTheRows(FxRobot robot) {
        var longTitle = new dev.auscult.posture.PracticeResult(dev.auscult.posture.Observation.unsupported(PracticeId.SYSTEM_INTEGRITY,
                dev.auscult.posture.Finding.plain("System Integrity Protection is a macOS feature; Linux has no equivalent")), Optional.of(dev.auscult.posture.Verdict.PASS),
                Optional.of("IF_SUPPORTED"), dev.auscult.posture.Finding.plain("not applicable"), List.of());
        robot.interact(() -> view.update(new AgentState(Optional.of(ReportSamples.report(dev.auscult.posture.OsPlatform.LINUX, longTitle,
                ReportSamples.result(PracticeId.DISK_ENCRYPTION, dev.auscult.posture.Verdict.FAIL,
                        "the system disk is not encrypted: / is on a very long device path that should wrap rather than widen the window"))),
                false, Optional.empty()), Instant.now()));
        javafx.scene.control.ScrollPane scroll = robot.lookup(".scroll-pane").queryAs(javafx.scene.control.ScrollPane.class);
        double rows = robot.lookup("#practices").query().getBoundsInLocal().getWidth();
        assertTrue(rows <= scroll.getViewportBounds().getWidth() + 0.5, "rows " + rows + " wider than the viewport " + scroll.getViewportBounds().getWidth());
    }

    @Test
    void revealOpensTheRowANotificationWasAbout(FxRobot robot) {
        robot.interact(() -> view.reveal(PracticeId.AUTOMATIC_UPDATES));
        assertTrue(robot.lookup("#practice-automaticUpdates").queryAs(TitledPane.class).isExpanded());
    }

    @Test
    void linksInDirectionsGoThroughTheOpener(FxRobot robot) {
        robot.interact(() -> view.update(new AgentState(Optional.of(ReportSamples.report(dev.auscult.posture.OsPlatform.WIN32,
                ReportSamples.result(PracticeId.FIREWALL, dev.auscult.posture.Verdict.FAIL, "Public profile off"))), false, Optional.empty()), Instant.now()));
        robot.interact(() -> robot.lookup("#practice-firewall").queryAs(javafx.scene.control.TitledPane.class).setExpanded(true));
        Hyperlink link = robot.lookup(".md-link").queryAs(Hyperlink.class);
        robot.interact(link::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("windowsdefender://network/"), opened);
    }

    @Test
    void aFailureWithinItsGraceIsListedRightAfterFailuresWithItsDate(FxRobot robot) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        var due = new dev.auscult.posture.Deadline(now, Instant.parse("2026-12-15T10:00:00Z"));
        var dated = ReportSamples.result(PracticeId.DISK_ENCRYPTION, Verdict.NUDGE, "the system disk is not encrypted")
                .withDeadline(Verdict.NUDGE, due);
        var unknown = ReportSamples.result(PracticeId.FIREWALL, Verdict.UNKNOWN, "systemctl timed out");
        var report = ReportSamples.report(dev.auscult.posture.OsPlatform.LINUX, unknown, dated);
        robot.interact(() -> view.update(new AgentState(Optional.of(report), false, Optional.empty()), now));
        List<String> headings = robot.lookup(".group-heading").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        assertEquals(List.of("To fix by a date (1)", "Could not check (1)"), headings);
        String shown = robot.lookup("#due-diskEncryption").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(shown.startsWith("Fix by ") && shown.contains("2026"), shown);
    }

    @Test
    void theOrganisationsNameAccentAndHelpShowWhenTheAdministratorSetThem(FxRobot robot) {
        var acme = new dev.auscult.config.Branding(Optional.of("Acme IT"), Optional.empty(), Optional.of("#0B5FFF"), Optional.of("it-help@acme.example"));
        robot.interact(() -> view.setBranding(acme));
        assertEquals("Acme IT checks this device's security settings", robot.lookup("#org-line").queryAs(javafx.scene.control.Label.class).getText());
        assertEquals("Help from Acme IT: it-help@acme.example", robot.lookup("#support-contact").queryAs(javafx.scene.control.Label.class).getText());
        assertEquals("What is sent to Acme IT", robot.lookup("#what-is-sent").queryAs(javafx.scene.control.Hyperlink.class).getText());
        assertTrue(view.getStyle().contains("-color-accent-emphasis: #0B5FFF"));
        robot.interact(() -> view.setBranding(dev.auscult.config.Branding.NONE));
        assertFalse(robot.lookup("#org-line").queryAs(javafx.scene.control.Label.class).isVisible());
        assertEquals("", view.getStyle());
    }
}
