package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentState;
import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.posture.ScanReport;
import dev.auscult.ui.status.StatusView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window of a real device's scan in German and Japanese: every word in the language (what was found
 * too), nothing cut off, and Japanese drawn in real glyphs, not boxes. Each is saved as a PNG under
 * {@code target/screenshots/} to look at.
 */
@ExtendWith(ApplicationExtension.class)
class WindowInOtherLanguagesTest {

    private static final LinkOpener NONE = new NoLinks();

    private Stage stage;

    @org.testfx.framework.junit5.Start
    void start(Stage stage) {
        this.stage = stage;
    }


    private StatusView show(FxRobot robot, Locale locale, String png) throws Exception {
        ScanReport report = ReportSamples.recordedKdeLaptop();
        StatusView[] view = new StatusView[1];
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> {
            Theme.followSystem();
            view[0] = new StatusView(new InstructionsLoader().bundled(locale.toLanguageTag()), "KDE", () -> { }, NONE, new UiText(locale));
            view[0].onWhatIsSent(() -> { });
            view[0].onExportEvidence(() -> { });
            Scene scene = new Scene(view[0], 520, 760);
            scene.getStylesheets().addAll(Theme.stylesheets());
            stage.setScene(scene);
            stage.show();
            view[0].update(new AgentState(Optional.of(report), false, Optional.empty()), Instant.parse("2026-12-01T10:03:00Z"));
            OpenRows.all(view[0]);
            view[0].applyCss();
            view[0].layout();
            shot[0] = scene.snapshot(null);
        });
        Path out = Path.of("target", "screenshots", png);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", out.toFile());
        return view[0];
    }

    private static List<String> texts(javafx.scene.Parent root) {
        List<String> out = new ArrayList<>();
        root.lookupAll(".label").forEach(n -> out.add(((javafx.scene.control.Labeled) n).getText()));
        return out;
    }

    @Test
    void inGermanEveryWordIsGermanAndNothingIsCutOff(FxRobot robot) throws Exception {
        StatusView view = show(robot, Locale.GERMAN, "window-de-kde-laptop.png");
        List<String> labels = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        robot.interact(() -> {
            labels.addAll(texts(view));
            cut.addAll(LargeTextAndLongWordsTest.clipped(view));
        });
        assertTrue(labels.stream().anyMatch(t -> t.contains("KDE Plasma sperrt den Bildschirm nicht automatisch")), "the finding in German: " + labels);
        assertFalse(labels.stream().anyMatch(t -> t.contains("does not lock") || t.startsWith("Found:") || t.startsWith("Could not check")),
                "no English left: " + labels);
        assertTrue(cut.isEmpty(), "cut off in German: " + cut);
    }

    @Test
    void inJapaneseTheWordsAreDrawnInRealGlyphs(FxRobot robot) throws Exception {
        boolean cjk = Font.getFamilies().stream().anyMatch(f -> f.contains("CJK") || f.contains("Gothic") || f.contains("Mincho"));
        if (!cjk && "1".equals(System.getenv("AUSCULT_REQUIRE_FONTS"))) {
            throw new IllegalStateException("AUSCULT_REQUIRE_FONTS=1 but no Japanese font is installed (Debian: fonts-noto-cjk)");
        }
        Assumptions.assumeTrue(cjk, "no Japanese font (Debian: apt install fonts-noto-cjk); skipped");
        StatusView view = show(robot, Locale.JAPANESE, "window-ja-kde-laptop.png");
        List<String> labels = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        int[][] glyphs = new int[2][];
        robot.interact(() -> {
            labels.addAll(texts(view));
            cut.addAll(LargeTextAndLongWordsTest.clipped(view));
            // two different words of the same length: a missing font draws both as the same empty boxes
            Font font = ((javafx.scene.control.Label) view.lookup("#finding-screenLock")).getFont();
            glyphs[0] = pixels(new Text("確認"), font);
            glyphs[1] = pixels(new Text("設定"), font);
        });
        assertTrue(labels.stream().anyMatch(t -> t.contains("KDE Plasma は画面を自動でロックしません")), "the finding in Japanese: " + labels);
        assertFalse(Arrays.equals(glyphs[0], glyphs[1]), "確認 and 設定 are drawn alike: boxes, not glyphs");
        assertTrue(cut.isEmpty(), "cut off in Japanese: " + cut);
    }

    private static int[] pixels(Text text, Font font) {
        text.setFont(font);
        new Scene(new javafx.scene.Group(text));
        WritableImage image = text.snapshot(null, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        return argb;
    }
}
