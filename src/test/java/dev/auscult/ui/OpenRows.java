package dev.auscult.ui;

import javafx.scene.Parent;
import javafx.scene.control.TitledPane;

/** Opens every row of a status window, as a person reading them all would: a row's words exist once it is opened. */
public final class OpenRows {

    private OpenRows() {
    }

    /** FX thread. Twice: an opened row brings its own evidence pane. */
    public static void all(Parent view) {
        for (int pass = 0; pass < 2; pass++) {
            view.lookupAll(".titled-pane").forEach(p -> ((TitledPane) p).setExpanded(true));
        }
    }
}
