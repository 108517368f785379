package dev.auscult.ui;

import dev.auscult.evidence.EvidenceCsv;
import dev.auscult.evidence.EvidenceJson;
import dev.auscult.evidence.EvidencePack;
import dev.auscult.evidence.EvidencePdf;
import dev.auscult.storage.AtomicFiles;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Export evidence…": shows the user exactly what the evidence pack contains (its JSON, and what is
 * withheld) before anything is saved, then writes it as PDF, JSON or CSV where they choose. Nothing is sent.
 */
final class EvidenceExportWindow {

    enum Format {
        PDF("PDF document", "pdf"), JSON("JSON (evidence-pack/1)", "json"), CSV("CSV spreadsheet", "csv");

        final String label;
        final String extension;

        Format(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Window owner;

    private final UiText text;

    EvidenceExportWindow(Window owner) {
        this(owner, UiText.ENGLISH);
    }

    EvidenceExportWindow(Window owner, UiText text) {
        this.owner = owner;
        this.text = text;
    }

    void show(EvidencePack pack) {
        Stage stage = new Stage();
        stage.setTitle(text.get("export.windowTitle"));
        Owner.ifShowing(owner, stage::initOwner);
        VBox root = content(pack, stage);
        stage.setScene(Theme.scene(root, 780, 620));
        stage.show();
        ((TextArea) root.lookup("#export-preview")).positionCaret(0);
    }

    /** The window's content: what the pack contains, the format, Save… and Close (which closes {@code stage}). */
    VBox content(EvidencePack pack, Stage stage) {
        Label intro = new Label(text.get("export.intro"));
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        List<String> withheld = pack.sources().values().stream().filter(EvidencePack.Excerpt::withheld).map(EvidencePack.Excerpt::id).toList();
        Label personal = new Label(withheld.isEmpty() ? text.get("export.nothingPersonal")
                : text.get("export.withheld", String.join(", ", withheld)));
        personal.setWrapText(true);
        personal.setId("export-withheld");
        personal.getStyleClass().add("text-muted");
        TextArea body = new TextArea(new EvidenceJson().write(pack));
        body.setEditable(false);
        body.setId("export-preview");
        body.setStyle("-fx-font-family: monospace;");
        body.setAccessibleText(text.get("export.contents"));
        VBox.setVgrow(body, Priority.ALWAYS);
        ChoiceBox<Format> format = new ChoiceBox<>();
        format.getItems().addAll(Format.values());
        format.setValue(Format.PDF);
        format.setId("export-format");
        format.setAccessibleText(text.get("export.fileFormat"));
        Label formatLabel = new Label(text.get("export.format"));
        formatLabel.setLabelFor(format);
        Label result = new Label();
        result.setId("export-result");
        result.setWrapText(true);
        result.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(result, Priority.ALWAYS);
        Button save = new Button(text.get("export.save"));
        save.setId("export-save");
        save.setDefaultButton(true);
        Button close = new Button(text.get("window.close"));
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        save.setOnAction(e -> {
            Format f = format.getValue();
            FileChooser chooser = new FileChooser();
            chooser.setTitle(text.get("export.chooserTitle"));
            chooser.setInitialFileName(fileName(pack, f));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.label, "*." + f.extension));
            File chosen = chooser.showSaveDialog(stage);
            if (chosen != null) {
                save(pack, f, chosen.toPath(), result, text);
            }
        });
        HBox buttons = new HBox(8, formatLabel, format, result, save, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox root = new VBox(10, intro, personal, body, buttons);
        root.setPadding(new Insets(14));
        return root;
    }

    /** Writes off the FX thread (a PDF of many pages takes a moment); the label says where it went or why not. */
    static void save(EvidencePack pack, Format format, Path target, Label result) {
        save(pack, format, target, result, UiText.ENGLISH);
    }

    static void save(EvidencePack pack, Format format, Path target, Label result, UiText text) {
        result.setText(text.get("export.saving"));
        dev.auscult.platform.Background.run("auscult-background", () -> {
            String message;
            try {
                byte[] bytes = switch (format) {
                    case PDF -> new EvidencePdf().write(pack);
                    case JSON -> new EvidenceJson().write(pack).getBytes(StandardCharsets.UTF_8);
                    case CSV -> new EvidenceCsv().write(pack).getBytes(StandardCharsets.UTF_8);
                };
                AtomicFiles.write(target, bytes);
                message = text.get("export.saved", target.toString(), Math.max(1, bytes.length / 1024));
            } catch (Exception ex) {
                message = text.get("export.notSaved", String.valueOf(ex.getMessage()));
            }
            String shown = message;
            Platform.runLater(() -> result.setText(shown));
        });
    }

    static String fileName(EvidencePack pack, Format format) {
        String device = pack.report().device().deviceName().orElse("device")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String day = pack.scannedAt().map(t -> t.toString().substring(0, 10)).orElse("undated");
        return "auscult-evidence-" + (device.isEmpty() ? "device" : device) + "-" + day + "." + format.extension;
    }
}
