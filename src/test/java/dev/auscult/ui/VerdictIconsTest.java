package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auscult.posture.Verdict;
import java.util.HashSet;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Row icons keep their size under the real stylesheet; only the header's icon is large. */
@ExtendWith(ApplicationExtension.class)
class VerdictIconsTest {

    private final HBox box = new HBox();
    private final FontIcon header = new FontIcon(VerdictIcons.glyph(Verdict.UNKNOWN));

    @Start
    void start(Stage stage) {
        Theme.followSystem();
        for (Verdict v : Verdict.values()) {
            box.getChildren().add(VerdictIcons.icon(v, 18, UiText.ENGLISH));
        }
        header.getStyleClass().add("header-icon");
        VBox hdr = new VBox(header);
        hdr.getStyleClass().addAll("status-header", "verdict-unknown");
        box.getChildren().add(hdr);
        Scene scene = new Scene(box, 300, 100);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void everyVerdictIconHasTheRequestedSizeAndItsOwnGlyph(FxRobot robot) {
        Set<Object> glyphs = new HashSet<>();
        box.getChildren().stream().filter(n -> n instanceof FontIcon).map(n -> (FontIcon) n).forEach(icon -> {
            assertEquals(18, icon.getIconSize(), icon.getIconCode().getDescription());
            glyphs.add(icon.getIconCode());
        });
        assertEquals(4, glyphs.size());
        assertEquals(40, header.getIconSize());
    }
}
