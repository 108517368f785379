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
    private final UiText text;

    WhatIsSentWindow(Window owner) {
        this(owner, UiText.ENGLISH);
    }

    WhatIsSentWindow(Window owner, UiText text) {
        this.owner = owner;
        this.text = text;
    }

    void show(String content) {
        Stage stage = new Stage();
        stage.setTitle(text.get("sent.windowTitle"));
        Owner.ifShowing(owner, stage::initOwner);
        Scene scene = Theme.scene(content(content, stage), 760, 600);
        stage.setScene(scene);
        stage.show();
        ((TextArea) scene.lookup("#what-is-sent-text")).positionCaret(0);
    }

    /** The window's content: the intro, the text read-only, and Close (which closes {@code stage}). */
    VBox content(String content, Stage stage) {
        Label intro = new Label(text.get("sent.intro"));
        intro.setWrapText(true);
        TextArea body = new TextArea(content);
        body.setEditable(false);
        body.setId("what-is-sent-text");
        body.getStyleClass().add("monospace");
        body.setStyle("-fx-font-family: monospace;");
        body.setAccessibleText(text.get("sent.windowTitle"));
        VBox.setVgrow(body, Priority.ALWAYS);
        Button close = new Button(text.get("window.close"));
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(close);
        buttons.setStyle("-fx-alignment: center-right;");
        VBox root = new VBox(10, intro, body, buttons);
        root.setPadding(new Insets(14));
        return root;
    }
}
