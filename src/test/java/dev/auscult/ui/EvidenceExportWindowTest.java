package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.Fixtures;
import dev.auscult.app.EvidenceExport;
import dev.auscult.app.PolicySource;
import dev.auscult.evidence.ControlCatalog;
import dev.auscult.evidence.EvidencePack;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SourceCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Export evidence…" shows what the pack contains before anything is saved, then saves the chosen format. */
@ExtendWith(ApplicationExtension.class)
class EvidenceExportWindowTest {

    @TempDir
    Path dir;

    private EvidencePack pack;
    private javafx.scene.layout.VBox content;

    /**
     * The content is built on the FX thread but not rendered: under the headless test toolkit a second
     * stage with a text area stalls the renderer (it is looked at under Xvfb instead, docs/images).
     */
    @Start
    void start(Stage owner) throws Exception {
        SourceCatalog catalog = SourceCatalog.bundled();
        var recording = new SnapshotCodec(catalog).read(Fixtures.path("snapshots/darwin-sonoma-managed-macbook.json"));
        pack = new EvidenceExport(catalog, "0.1.0", Clock.systemUTC(), Optional.empty())
                .replay(recording, PolicySource.bundled(new PolicyLoader()).current(), Set.copyOf(ControlCatalog.FRAMEWORKS)).pack();
        content = new EvidenceExportWindow(owner).content(pack, owner);
    }

    @Test
    void theUserSeesThePackThenSavesItAsAPdf(FxRobot robot) throws Exception {
        TextArea preview = (TextArea) content.lookup("#export-preview");
        assertTrue(preview.getText().contains("\"format\" : \"evidence-pack/1\""));
        assertTrue(preview.getText().contains("FileVault is On."), "the raw evidence is in what the user sees");
        assertFalse(preview.isEditable());
        assertEquals("Nothing personal was read for this pack.", ((Label) content.lookup("#export-withheld")).getText());
        assertEquals(EvidenceExportWindow.Format.PDF, ((ChoiceBox<?>) content.lookup("#export-format")).getValue());
        assertEquals("auscult-evidence-alice-s-macbook-air-2024-05-02.pdf", EvidenceExportWindow.fileName(pack, EvidenceExportWindow.Format.PDF));

        Label result = (Label) content.lookup("#export-result");
        Path target = dir.resolve("pack.pdf");
        robot.interact(() -> EvidenceExportWindow.save(pack, EvidenceExportWindow.Format.PDF, target, result));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getText().startsWith("Saved"));
        assertTrue(result.getText().startsWith("Saved to " + target), result.getText());
        try (var doc = Loader.loadPDF(target.toFile())) {
            assertTrue(doc.getNumberOfPages() > 1);
        }
        // a place that cannot be written says so, and nothing is half-written
        Path blocked = Files.writeString(dir.resolve("a-file"), "x").resolve("pack.csv");
        robot.interact(() -> EvidenceExportWindow.save(pack, EvidenceExportWindow.Format.CSV, blocked, result));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getText().startsWith("Not saved"));
        assertFalse(Files.exists(blocked));
    }
}
