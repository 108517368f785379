package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.config.Branding;
import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.ui.activation.ActivationWizard;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Background work (a scan, a file read, a server's answer) hands its result to {@link Windows}, which opens windows on
 * the FX thread whichever thread asks; the activation wizard is one window, filled in again when asked twice.
 */
@ExtendWith(ApplicationExtension.class)
class WindowsOpenOnTheFxThreadTest {

    private Stage primary;
    private Windows windows;

    @Start
    void start(Stage stage) {
        primary = stage;
        StatusWindow status = new StatusWindow(stage, new InstructionsLoader().bundled(), "GNOME", () -> { }, new NoLinks(), Clock.systemUTC(),
                UiText.ENGLISH);
        windows = new Windows(stage, status, UiText.ENGLISH, Branding.NONE, (url, email, account, code) -> {
            throw new AssertionError("not activated in this test");
        }, () -> { });
    }

    private static ActivationWizard.Prefill prefill(String account) {
        return new ActivationWizard.Prefill(Optional.empty(), Optional.of(account), Optional.empty(), Optional.empty());
    }

    @Test
    void workFromAnotherThreadRunsOnTheFxThread() throws Exception {
        CompletableFuture<Boolean> onFx = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> Windows.onFx(() -> onFx.complete(Platform.isFxApplicationThread()))).join();
        assertTrue(onFx.get(10, TimeUnit.SECONDS));
        AtomicBoolean atOnce = new AtomicBoolean();
        WaitForAsyncUtils.asyncFx(() -> {
            Windows.onFx(() -> atOnce.set(true));
            assertTrue(atOnce.get(), "on the FX thread it runs at once, in order");
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theStatusWindowOpensWhenABackgroundThreadAsks() throws Exception {
        Thread.ofPlatform().start(() -> windows.showStatus(Optional.empty())).join();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, primary::isShowing);
    }

    @Test
    void theActivationWizardIsOneWindowFilledInAgain(FxRobot robot) throws Exception {
        Thread.ofPlatform().start(() -> windows.activation(prefill("acme"), Optional.empty())).join();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wizards().size() == 1);
        Thread.ofPlatform().start(() -> windows.activation(prefill("globex"), Optional.empty())).join();
        WaitForAsyncUtils.waitForFxEvents();
        List<Stage> open = wizards();
        assertEquals(1, open.size(), "asked twice, one wizard");
        javafx.scene.Parent wizard = open.getFirst().getScene().getRoot();
        robot.interact(() -> robot.from(wizard).lookup("#continue").queryButton().fire());   // from what is sent to the form
        assertEquals("globex", robot.from(wizard).lookup("#account").queryAs(TextField.class).getText());
        robot.interact(() -> open.getFirst().close());
    }

    private List<Stage> wizards() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s != primary && s.isShowing()
                && s.getScene().getRoot() instanceof ActivationWizard).map(w -> (Stage) w).toList();
    }
}
