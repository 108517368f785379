package dev.auscult.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MarkdownViewTest {

    private final List<String> links = new ArrayList<>();
    private MarkdownView view;

    @Start
    void start(Stage stage) {
        view = new MarkdownView("""
                1. Open **System Settings** → [Firewall](x-apple.systempreferences:com.apple.Network-Settings.extension?Firewall).
                1. Run `sudo ufw enable` *now*.

                - a bullet
                <a href='stethoscope://update' class="btn">Update</a>
                """, links::add);
        stage.setScene(new Scene(view, 400, 300));
        stage.show();
    }

    @Test
    void rendersListsEmphasisCodeAndLinks(FxRobot robot) {
        List<String> markers = robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertTrue(markers.containsAll(List.of("1.", "2.", "•")), markers.toString());
        assertTrue(robot.lookup(".md-strong").queryAllAs(Text.class).stream().anyMatch(t -> t.getText().equals("System Settings")));
        assertTrue(robot.lookup(".md-code").queryAllAs(Text.class).stream().anyMatch(t -> t.getText().equals("sudo ufw enable")));
        assertTrue(robot.lookup(".md-em").queryAllAs(Text.class).stream().anyMatch(t -> t.getText().equals("now")));
        Hyperlink link = robot.lookup(".md-link").queryAs(Hyperlink.class);
        assertEquals("Firewall", link.getText());
        robot.interact(link::fire);
        assertEquals(List.of("x-apple.systempreferences:com.apple.Network-Settings.extension?Firewall"), links);
        boolean htmlShown = robot.lookup(".md-text").queryAllAs(Text.class).stream().map(Node::toString).anyMatch(s -> s.contains("stethoscope://"));
        assertTrue(!htmlShown, "Stethoscope's HTML buttons are not shown as text");
    }
}
