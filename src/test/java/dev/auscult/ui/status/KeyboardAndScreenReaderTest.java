package dev.auscult.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentState;
import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.ui.LinkOpener;
import dev.auscult.ui.ReportSamples;
import dev.auscult.ui.Theme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window for people who use the keyboard or a screen reader: every control named, every action reachable. */
@ExtendWith(ApplicationExtension.class)
class KeyboardAndScreenReaderTest {

    private final AtomicInteger rescans = new AtomicInteger();
    private StatusView view;

    @Start
    void start(Stage stage) {
        LinkOpener none = new dev.auscult.ui.NoLinks();
        view = new StatusView(new InstructionsLoader().bundled(), "ubuntu:GNOME", rescans::incrementAndGet, none);
        Theme.followSystem();
        view.onWhatIsSent(() -> { });
        view.onExportEvidence(() -> { });
        Scene scene = new Scene(view, 500, 700);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.setScene(scene);
        stage.show();
        view.update(new AgentState(Optional.of(ReportSamples.mixed()), false, Optional.empty()), Instant.parse("2026-11-26T10:03:00Z"));
    }

    @Test
    void everyControlAPersonCanReachHasANameAScreenReaderCanSay(FxRobot robot) {
        List<String> unnamed = new ArrayList<>();
        List<String> named = new ArrayList<>();
        // the controls inside rows too: a row's body is built when it is opened
        robot.interact(() -> dev.auscult.ui.OpenRows.all(view));
        robot.interact(() -> collect(view, unnamed, named));
        assertTrue(unnamed.isEmpty(), "controls without an accessible name: " + unnamed);
        assertTrue(named.size() >= 6, "rows, links and Rescan were all looked at: " + named);
        // verdict icons are never the only carrier of meaning: each row says its verdict in words
        TitledPane disk = robot.lookup("#practice-diskEncryption").queryAs(TitledPane.class);
        assertTrue(disk.getAccessibleText().startsWith("Needs attention: "), disk.getAccessibleText());
    }

    @Test
    void theKeyboardAloneReachesEveryRowAndRescans(FxRobot robot) {
        Set<String> reached = new LinkedHashSet<>();
        robot.interact(() -> view.lookup("#practice-diskEncryption").requestFocus());
        for (int i = 0; i < 40; i++) {
            Node focused = view.getScene().getFocusOwner();
            if (focused != null && focused.getId() != null) {
                reached.add(focused.getId());
            }
            robot.type(KeyCode.TAB);
        }
        assertTrue(reached.contains("rescan"), reached.toString());
        assertTrue(reached.contains("what-is-sent") && reached.contains("export-evidence"), reached.toString());
        assertTrue(reached.stream().filter(id -> id.startsWith("practice-")).count() >= 2, reached.toString());

        // Space on the focused row opens or closes it; Space on Rescan rescans
        robot.interact(() -> view.lookup("#practice-remoteLogin").requestFocus());
        TitledPane remote = robot.lookup("#practice-remoteLogin").queryAs(TitledPane.class);
        boolean was = remote.isExpanded();
        robot.type(KeyCode.SPACE);
        assertEquals(!was, remote.isExpanded());
        robot.interact(() -> view.lookup("#rescan").requestFocus());
        robot.type(KeyCode.SPACE);
        assertEquals(1, rescans.get());
        // Shift-Tab goes back
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        assertFalse("rescan".equals(view.getScene().getFocusOwner().getId()));
    }

    private static void collect(Parent parent, List<String> unnamed, List<String> named) {
        for (Node n : parent.getChildrenUnmodifiable()) {
            boolean interactive = n instanceof ButtonBase || n instanceof TitledPane
                    || (n instanceof Control c && c.isFocusTraversable() && !(n instanceof ScrollPane) && !(n instanceof ScrollBar));
            if (interactive && n.isVisible()) {
                String name = n.getAccessibleText() != null && !n.getAccessibleText().isBlank() ? n.getAccessibleText()
                        : n instanceof Labeled l && l.getText() != null && !l.getText().isBlank() ? l.getText() : null;
                if (name == null) {
                    unnamed.add(n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()));
                } else {
                    named.add(name);
                }
            }
            if (n instanceof Parent p) {
                collect(p, unnamed, named);
            }
        }
    }
}
