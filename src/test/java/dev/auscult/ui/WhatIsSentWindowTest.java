package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The "What is sent" window shows the text as given, read-only, and closes from the keyboard. Its content
 * is checked without a second window on screen: under the headless test toolkit a second stage with a
 * text area stalls the renderer for every test after it (the window itself was looked at under Xvfb).
 */
@ExtendWith(ApplicationExtension.class)
class WhatIsSentWindowTest {

    private static final String TEXT = "To the organisation's backend (https://backend.example.com/graphql), last sent 2026-12-01T10:00:00Z:\n{\n  \"operation\" : \"ReportScan\"\n}\n";
    private Stage owner;
    private VBox content;

    @Start
    void start(Stage owner) {
        this.owner = owner;
        owner.show();
        content = new WhatIsSentWindow(owner).content(TEXT, owner);
    }

    @Test
    void showsTheTextReadOnlyAndEscapeCloses(FxRobot robot) {
        TextArea body = (TextArea) content.lookup("#what-is-sent-text");
        assertEquals(TEXT, body.getText());
        assertFalse(body.isEditable());
        Button close = (Button) content.getChildren().get(2).lookup(".button");
        assertTrue(close.isCancelButton(), "Escape closes it");
        robot.interact(close::fire);
        assertFalse(owner.isShowing());
        assertEquals("What is sent — Auscult", UiText.ENGLISH.get("sent.windowTitle"));
        assertEquals("Was gesendet wird — Auscult", new UiText(Locale.GERMAN).get("sent.windowTitle"));
    }
}
