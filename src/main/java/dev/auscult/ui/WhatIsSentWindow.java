package dev.auscult.ui;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "What is sent" window: the text of {@code auscult status --payload}, read-only and selectable. */
final class WhatIsSentWindow {

    private final Window owner;

    WhatIsSentWindow(Window owner) {
        this.owner = owner;
    }

    void show(String text) {
        Stage stage = new Stage();
        stage.setTitle("What is sent — Auscult");
        if (owner != null && owner.isShowing()) {
            stage.initOwner(owner);
        }
        Label intro = new Label("Exactly what this device sends to your organisation, what waits to be sent, and what Auscult never collects.");
        intro.setWrapText(true);
        TextArea body = new TextArea(text);
        body.setEditable(false);
        body.setId("what-is-sent-text");
        body.getStyleClass().add("monospace");
        body.setStyle("-fx-font-family: monospace;");
        body.setAccessibleText("What is sent");
        VBox.setVgrow(body, Priority.ALWAYS);
        Button close = new Button("Close");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(close);
        buttons.setStyle("-fx-alignment: center-right;");
        VBox root = new VBox(10, intro, body, buttons);
        root.setPadding(new Insets(14));
        Scene scene = new Scene(root, 760, 600);
        scene.getStylesheets().addAll(Theme.stylesheets());
        stage.setScene(scene);
        stage.show();
        body.positionCaret(0);
    }
}
