package dev.auscult.ui.tray;

import dev.auscult.desktop.StatusNotifierTray;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Picks the tray the desktop shows. On Linux a StatusNotifierItem when the session has a watcher (every
 * current panel), AWT's XEmbed icon only when there is no watcher but an XEmbed tray, and with neither
 * still the StatusNotifierItem, waiting for a panel that starts later. Elsewhere AWT's native tray.
 * {@code -Dauscult.tray=xembed} forces AWT's icon where a desktop's StatusNotifierItem support misbehaves.
 */
public final class TrayChoice {

    private static final System.Logger LOG = System.getLogger(TrayChoice.class.getName());

    private TrayChoice() {
    }

    /**
     * FX thread.
     *
     * @param onClick a click on the icon (FX thread)
     * @param onShowing told on the FX thread when a panel starts or stops showing the icon
     */
    public static Optional<Tray> open(Stage stage, Runnable onClick, Consumer<Boolean> onShowing) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        if (linux && !"xembed".equals(System.getProperty("auscult.tray"))) {
            Optional<StatusNotifierTray> sni = StatusNotifierTray.connect(Optional.empty(), StatusNotifierTrayIcon.initialLook(), onClick,
                    Platform::runLater, showing -> Platform.runLater(() -> onShowing.accept(showing)));
            if (sni.isPresent()) {
                if (sni.get().registered() || !XEmbedTray.isSupported()) {
                    LOG.log(Level.INFO, sni.get().registered() ? "tray icon: StatusNotifierItem"
                            : "tray icon: StatusNotifierItem, waiting for a panel to show it");
                    return Optional.of(new StatusNotifierTrayIcon(sni.get()));
                }
                sni.get().close();
            }
        }
        if (XEmbedTray.isSupported()) {
            LOG.log(Level.INFO, linux ? "tray icon: XEmbed (no StatusNotifierWatcher on this desktop)" : "tray icon: the system's");
            return Optional.of(new XEmbedTray(stage, onClick));
        }
        return Optional.empty();
    }
}
