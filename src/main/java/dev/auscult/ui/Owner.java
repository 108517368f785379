package dev.auscult.ui;

import java.util.function.Consumer;
import javafx.stage.Window;

/** Which window a dialog or secondary window belongs to. */
final class Owner {

    private Owner() {
    }

    /**
     * Gives {@code owner} as the owner only while it is on screen: the status window of an agent started at
     * login has never been shown, and a window owned by it never shows either. FX thread.
     */
    static void ifShowing(Window owner, Consumer<Window> initOwner) {
        if (owner != null && owner.isShowing()) {
            initOwner.accept(owner);
        }
    }
}
