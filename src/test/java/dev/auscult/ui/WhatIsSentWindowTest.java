package dev.auscult.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The "What is sent" window shows the text as given, read-only, and closes from the keyboard. */
@ExtendWith(ApplicationExtension.class)
class WhatIsSentWindowTest {

    private static final String TEXT = "To the organisation's backend (https://backend.example.com/graphql), last sent 2026-12-01T10:00:00Z:\n{\n  \"operation\" : \"ReportScan\"\n}\n";

    @Start
    void start(Stage owner) {
        owner.show();
        new WhatIsSentWindow(owner).show(TEXT);
    }

    @Test
    void showsTheTextReadOnlyAndEscapeCloses(FxRobot robot) {
        TextArea body = robot.lookup("#what-is-sent-text").queryAs(TextArea.class);
        assertEquals(TEXT, body.getText());
        assertFalse(body.isEditable());
        Window shown = body.getScene().getWindow();
        assertEquals("What is sent — Auscult", ((Stage) shown).getTitle());
        Button close = robot.lookup(".button").queryAllAs(Button.class).stream().filter(Button::isCancelButton).findFirst().orElseThrow();
        robot.interact(close::fire);
        assertFalse(shown.isShowing());
    }
}
