package dev.auscult.ui;

import java.awt.Desktop;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * macOS delivers a clicked {@code auscult://} link to the running app as an Apple event rather than as
 * an argument (the bundle registers the scheme in its Info.plist); AWT, which the tray icon loads
 * anyway, turns that event into a callback.
 */
public final class MacUrlEvents {

    private static final System.Logger LOG = System.getLogger(MacUrlEvents.class.getName());

    private MacUrlEvents() {
    }

    public static void forward(Consumer<String> links) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_URI)) {
                Desktop.getDesktop().setOpenURIHandler(event -> links.accept(event.getURI().toString()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "auscult:// links will not open the app: {0}", e.getMessage());
        }
    }
}
