package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentState;
import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.ui.status.StatusView;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.ResourceBundle;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TitledPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window at 200 % text, in a pseudo-language 40 % longer with accents on every letter, and in high
 * contrast: nothing is cut off (every label shows all its words, the Rescan button its whole name), the
 * page scrolls instead, and muted text is as strong as any.
 */
@ExtendWith(ApplicationExtension.class)
class LargeTextAndLongWordsTest {

    private static final LinkOpener NONE = new NoLinks();

    /** English made longer by 40 % and accented, placeholders and MessageFormat syntax kept. */
    static UiText pseudo() throws Exception {
        Properties english = new Properties();
        try (var in = LargeTextAndLongWordsTest.class.getResourceAsStream("/dev/auscult/ui/messages.properties")) {
            english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        ResourceBundle bundle = new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                String v = english.getProperty(key);
                return v == null ? null : stretch(v);
            }

            @Override
            public Enumeration<String> getKeys() {
                return java.util.Collections.enumeration(english.stringPropertyNames());
            }
        };
        return new UiText(Locale.ENGLISH, bundle);
    }

    /** Accents outside {…} and a tail of "·" making the text 40 % longer. */
    static String stretch(String pattern) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        int letters = 0;
        for (char c : pattern.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            if (depth == 0 && Character.isLetter(c)) {
                letters++;
                out.append(switch (c) {
                    case 'a' -> 'á'; case 'e' -> 'é'; case 'i' -> 'ï'; case 'o' -> 'ô'; case 'u' -> 'ü'; case 'n' -> 'ñ'; case 'c' -> 'ç';
                    case 'A' -> 'Å'; case 'E' -> 'É'; case 'O' -> 'Ö'; case 'S' -> 'Š'; default -> c;
                });
            } else {
                out.append(c);
            }
        }
        return depth == 0 && !pattern.contains("choice") ? out + " " + "·".repeat(Math.max(1, letters * 2 / 5)) : out.toString();
    }

    private Stage stage;

    @org.testfx.framework.junit5.Start
    void start(Stage stage) {
        // one stage for every case: a new stage per case can stall the headless renderer
        this.stage = stage;
    }

    private StatusView show(FxRobot robot, UiText text) {
        StatusView[] view = new StatusView[1];
        robot.interact(() -> {
            Theme.followSystem();
            view[0] = new StatusView(new InstructionsLoader().bundled(), "ubuntu:GNOME", () -> { }, NONE, text);
            view[0].onWhatIsSent(() -> { });
            view[0].onExportEvidence(() -> { });
            Scene scene = new Scene(view[0], 500, 680);
            scene.getStylesheets().addAll(Theme.stylesheets());
            stage.setScene(scene);
            stage.show();
            view[0].update(new AgentState(Optional.of(ReportSamples.mixed()), false, Optional.empty()), Instant.parse("2026-11-26T10:03:00Z"));
            OpenRows.all(view[0]); // what every row says, not only the first failure's
            view[0].applyCss();
            view[0].layout();
        });
        return view[0];
    }

    /** Labels whose shown text is shorter than their text: cut off with an ellipsis. */
    static List<String> clipped(Parent root) {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node node, List<String> out) {
        if (node instanceof Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty() && !(l instanceof TitledPane)) {
            Text shown = (Text) l.lookup(".text");
            if (shown != null && !shown.getText().replace("\n", " ").replaceAll("\\s+", " ").strip()
                    .equals(l.getText().replace("\n", " ").replaceAll("\\s+", " ").strip())) {
                out.add(l.getClass().getSimpleName() + " '" + l.getText() + "' shown as '" + shown.getText() + "'");
            }
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    @Test
    void atTwiceTheTextSizeNothingIsCutOff(FxRobot robot) {
        System.setProperty("auscult.textScale", "2");
        try {
            StatusView view = show(robot, UiText.ENGLISH);
            List<String> cut = new ArrayList<>();
            robot.interact(() -> {
                assertEquals(28.0, ((Label) view.lookup("#last-scanned")).getFont().getSize(), 0.5, "text at 200 %");
                cut.addAll(clipped(view));
            });
            assertTrue(cut.isEmpty(), "cut off at 200 %: " + cut);
        } finally {
            System.clearProperty("auscult.textScale");
        }
    }

    @Test
    void aLanguageFortyPercentLongerWithAccentsIsNotCutOff(FxRobot robot) throws Exception {
        UiText pseudo = pseudo();
        StatusView view = show(robot, pseudo);
        List<String> cut = new ArrayList<>();
        robot.interact(() -> cut.addAll(clipped(view)));
        assertTrue(cut.isEmpty(), "cut off in the long pseudo-language: " + cut);
        assertTrue(pseudo.get("tray.open").startsWith("Öpéñ Åüsçült ·"), pseudo.get("tray.open"));
    }

    @Test
    void inHighContrastMutedTextIsAsStrongAsAnyAndLinksAreUnderlined(FxRobot robot) {
        System.setProperty("auscult.contrast", "high");
        System.setProperty("auscult.theme", "light");
        try {
            StatusView view = show(robot, UiText.ENGLISH);
            robot.interact(() -> {
                Label muted = (Label) view.lookup("#last-scanned");
                assertEquals(javafx.scene.paint.Color.BLACK, muted.getTextFill(), "muted text is black on white");
                javafx.scene.control.Hyperlink link = (javafx.scene.control.Hyperlink) view.lookup("#what-is-sent");
                assertTrue(link.isUnderline(), "links do not rely on colour");
            });
        } finally {
            System.clearProperty("auscult.contrast");
            System.clearProperty("auscult.theme");
        }
    }
}
