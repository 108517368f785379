package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.instructions.InstructionsLoader;
import java.time.Clock;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Closing the status window — the title bar's button or Ctrl+W — sends it to the tray, or minimises it without one. */
@ExtendWith(ApplicationExtension.class)
class ClosingTheWindowTest {

    private Stage stage;
    private StatusWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new StatusWindow(stage, new InstructionsLoader().bundled(), "GNOME", () -> { }, new NoLinks(), Clock.systemUTC(), UiText.ENGLISH);
        window.show(Optional.empty());
    }

    @Test
    void ctrlWHidesTheWindowWhenTheTrayIconCanBringItBack(FxRobot robot) {
        robot.interact(() -> window.closeTo(true));
        pressCtrlW(robot);
        assertFalse(stage.isShowing(), "hidden to the tray");
        robot.interact(() -> window.show(Optional.empty()));
        assertTrue(stage.isShowing(), "the tray brings it back");
    }

    @Test
    void withoutATrayIconCtrlWOnlyMinimisesIt(FxRobot robot) {
        robot.interact(() -> window.closeTo(false));
        pressCtrlW(robot);
        assertTrue(stage.isShowing(), "still there: it is the only way back");
        assertTrue(stage.isIconified(), "minimised");
    }

    private void pressCtrlW(FxRobot robot) {
        robot.interact(stage::requestFocus);
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
    }
}
