package dev.auscult.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentState;
import dev.auscult.fix.FixInputs;
import dev.auscult.fix.FixPlan;
import dev.auscult.fix.LinuxFixes;
import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.posture.FixRecord;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.LinkOpener;
import dev.auscult.ui.ReportSamples;
import dev.auscult.ui.Theme;
import dev.auscult.ui.UiText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The row's Fix button, headless (Monocle): nothing runs without the click on "Fix now", what will run is shown
 * first, and after the fix the row moves to "Fixed just now" with the re-check's verdict. Screenshots of each
 * step, light and dark, in English, German and Japanese, under {@code target/screenshots/}.
 */
@ExtendWith(ApplicationExtension.class)
class FixButtonTest {

    private Stage stage;
    private final List<PracticeId> asked = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<FixRecord>> pending = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }


    private static Map<PracticeId, FixPlan> offers(ScanReport report) {
        FixPlan plan = new LinuxFixes().plan(PracticeId.SCREEN_LOCK, new FixInputs(report, 300, Set.of("kwriteconfig5")::contains, false)).orElseThrow();
        return Map.of(PracticeId.SCREEN_LOCK, plan);
    }

    /** The same laptop after the fix: the screen lock passes. */
    private static ScanReport fixed(ScanReport before) {
        List<PracticeResult> practices = new ArrayList<>();
        for (PracticeResult r : before.practices()) {
            practices.add(r.practice() == PracticeId.SCREEN_LOCK ? ReportSamples.result(PracticeId.SCREEN_LOCK, Verdict.PASS,
                    "KDE Plasma locks after 5 min idle (300 s in all)") : r);
        }
        return new ScanReport(before.agentVersion(), before.scannedAt(), before.durationMillis(), before.device(), before.policy(),
                before.status(), practices);
    }

    private StatusView show(FxRobot robot, Locale locale, ScanReport report) {
        StatusView[] view = new StatusView[1];
        robot.interact(() -> {
            Theme.followSystem();
            view[0] = new StatusView(new InstructionsLoader().bundled(locale.toLanguageTag()), "KDE", () -> { }, new NoLinks(), new UiText(locale));
            view[0].onFix(practice -> {
                asked.add(practice);
                CompletableFuture<FixRecord> f = new CompletableFuture<>();
                pending.add(f);
                return f;
            });
            Scene scene = new Scene(view[0], 520, 760);
            scene.getStylesheets().addAll(Theme.stylesheets());
            stage.setScene(scene);
            stage.show();
            view[0].update(new AgentState(Optional.of(report), false, Optional.empty()), Instant.parse("2026-12-06T10:03:00Z"));
            view[0].setFixOffers(offers(report));
            view[0].reveal(PracticeId.SCREEN_LOCK);
        });
        WaitForAsyncUtils.waitForFxEvents();
        shown = view[0];
        return view[0];
    }

    private StatusView shown;

    /** Clicks as a person does: with the screen lock's row scrolled into view first. */
    private void click(FxRobot robot, String query) {
        robot.interact(() -> shown.reveal(PracticeId.SCREEN_LOCK));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shoot(FxRobot robot, String png) throws Exception {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            shot[0] = stage.getScene().snapshot(null);
        });
        Path out = Path.of("target", "screenshots", png);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", out.toFile());
    }

    private static FixRecord record(FixRecord.Outcome outcome, ScanReport before, ScanReport after) {
        return new FixRecord(PracticeId.SCREEN_LOCK, "linux.kde-screen-lock", Instant.parse("2026-12-06T10:04:00Z"), "alice",
                FixRecord.Reading.of(before.practice(PracticeId.SCREEN_LOCK).orElseThrow()),
                Optional.of(FixRecord.Reading.of(after.practice(PracticeId.SCREEN_LOCK).orElseThrow())), outcome, Optional.empty());
    }

    @Test
    void clickShowsWhatWillRunThenFixNowFixesAndTheRowMovesToFixedJustNow(FxRobot robot) throws Exception {
        ScanReport before = ReportSamples.recordedKdeLaptop();
        StatusView view = show(robot, Locale.ENGLISH, before);
        shoot(robot, "fix-1-offered-light.png");

        click(robot, "#fix-screenLock");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("This will turn on KDE Plasma's screen lock and lock after 5 min idle (kwriteconfig5). "
                + "Only your own settings change; no password is needed.", robot.lookup("#fix-what-screenLock").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#fix-commands-screenLock").queryAs(Label.class).getText()
                .contains("kwriteconfig5 --file kscreenlockerrc --group Daemon --key Autolock true"));
        assertTrue(asked.isEmpty(), "the first click only shows what will run");
        shoot(robot, "fix-2-confirm-light.png");

        click(robot, "#fix-cancel-screenLock");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#fix-screenLock").tryQuery().isPresent(), "cancel goes back to the button");
        assertTrue(asked.isEmpty(), "cancelled: nothing ran");

        click(robot, "#fix-screenLock");
        click(robot, "#fix-run-screenLock");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(PracticeId.SCREEN_LOCK), asked);
        assertTrue(robot.lookup("#fix-running-screenLock").tryQuery().isPresent(), "it says it is fixing, then checking again");
        shoot(robot, "fix-3-running-light.png");

        // the runtime's re-check reaches the window first, then the fix's record
        ScanReport after = fixed(before);
        robot.interact(() -> view.update(new AgentState(Optional.of(after), false, Optional.empty()), Instant.parse("2026-12-06T10:04:01Z")));
        robot.interact(() -> view.setFixOffers(Map.of()));
        pending.getFirst().complete(record(FixRecord.Outcome.FIXED, before, after));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Fixed just now (1)", robot.lookup("#fixed-heading").queryAs(Label.class).getText());
        assertEquals("Fixed just now: checked again, and it passes.", robot.lookup("#fix-note-screenLock").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#fix-screenLock").tryQuery().isPresent(), "a passing row offers no fix");
        shoot(robot, "fix-4-fixed-light.png");
    }

    @Test
    void aCancelledPasswordPromptOrAFailureIsSaidOnTheRowAndTheFixIsOfferedAgain(FxRobot robot) throws Exception {
        ScanReport before = ReportSamples.recordedKdeLaptop();
        show(robot, Locale.ENGLISH, before);
        click(robot, "#fix-screenLock");
        click(robot, "#fix-run-screenLock");
        pending.getFirst().complete(new FixRecord(PracticeId.SCREEN_LOCK, "linux.kde-screen-lock", Instant.now(), "alice",
                FixRecord.Reading.of(before.practice(PracticeId.SCREEN_LOCK).orElseThrow()), Optional.empty(), FixRecord.Outcome.DECLINED, Optional.empty()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("The password prompt was cancelled, so nothing was changed.", robot.lookup("#fix-note-screenLock").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#fix-screenLock").tryQuery().isPresent(), "still failing: the fix is offered again");

        click(robot, "#fix-screenLock");
        click(robot, "#fix-run-screenLock");
        pending.get(1).completeExceptionally(new IllegalStateException("kwriteconfig5 exited with code 1: cannot write"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("The fix did not run: kwriteconfig5 exited with code 1: cannot write",
                robot.lookup("#fix-note-screenLock").queryAs(Label.class).getText());
    }

    @Test
    void inDarkAndInOtherLanguagesTheConfirmationIsTheirs(FxRobot robot) throws Exception {
        ScanReport before = ReportSamples.recordedKdeLaptop();
        robot.interact(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()));
        try {
            show(robot, Locale.ENGLISH, before);
            click(robot, "#fix-screenLock");
            shoot(robot, "fix-2-confirm-dark.png");
            show(robot, Locale.GERMAN, before);
            assertEquals("Für mich beheben", robot.lookup("#fix-screenLock").queryAs(Button.class).getText());
            click(robot, "#fix-screenLock");
            assertTrue(robot.lookup("#fix-what-screenLock").queryAs(Label.class).getText().startsWith("Dies wird die Bildschirmsperre von KDE Plasma einschalten"),
                    robot.lookup("#fix-what-screenLock").queryAs(Label.class).getText());
            shoot(robot, "fix-2-confirm-de-dark.png");
            show(robot, Locale.JAPANESE, before);
            click(robot, "#fix-screenLock");
            assertTrue(robot.lookup("#fix-what-screenLock").queryAs(Label.class).getText().contains("KDE Plasma の画面ロックをオンにし"));
            shoot(robot, "fix-2-confirm-ja-dark.png");
        } finally {
            robot.interact(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        }
        show(robot, Locale.JAPANESE, before);
        click(robot, "#fix-screenLock");
        shoot(robot, "fix-2-confirm-ja-light.png");
    }

    private static final class NoLinks implements LinkOpener {
        @Override
        public void open(dev.auscult.instructions.SettingsLink link) {
        }

        @Override
        public void openUri(String uri) {
        }
    }
}
