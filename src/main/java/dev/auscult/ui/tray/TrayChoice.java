package dev.auscult.ui.tray;

import dev.auscult.desktop.SessionBus;
import dev.auscult.desktop.StatusNotifierTray;
import dev.auscult.posture.OsPlatform;
import java.lang.System.Logger.Level;
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
     * FX thread. On Linux the session bus is asked off the FX thread, so the window can show meanwhile;
     * {@code chosen} is called on the FX thread (with empty when the desktop has no tray at all).
     *
     * @param scanning the tooltip's words until the first state arrives (a scan is under way at start)
     * @param onClick a click on the icon (FX thread)
     * @param onShowing told on the FX thread when a panel starts or stops showing the icon
     */
    public static void open(SessionBus bus, Stage stage, String scanning, Runnable onClick, Consumer<Boolean> onShowing, Consumer<Optional<Tray>> chosen) {
        boolean linux = OsPlatform.fromOsName(System.getProperty("os.name", "")).equals(Optional.of(OsPlatform.LINUX));
        if (!linux || "xembed".equals(System.getProperty("auscult.tray"))) {
            chosen.accept(awt(stage, onClick, linux));
            return;
        }
        dev.auscult.platform.Background.run("auscult-tray-choice", () -> {
            Optional<StatusNotifierTray> sni = StatusNotifierTray.connect(bus, StatusNotifierTrayIcon.initialLook(scanning), onClick,
                    Platform::runLater, showing -> Platform.runLater(() -> onShowing.accept(showing)));
            Platform.runLater(() -> chosen.accept(linux(stage, onClick, sni)));
        });
    }

    private static Optional<Tray> linux(Stage stage, Runnable onClick, Optional<StatusNotifierTray> sni) {
        if (sni.isPresent()) {
            if (sni.get().registered() || !XEmbedTray.isSupported()) {
                LOG.log(Level.INFO, sni.get().registered() ? "tray icon: StatusNotifierItem"
                        : "tray icon: StatusNotifierItem, waiting for a panel to show it");
                return Optional.of(new StatusNotifierTrayIcon(sni.get()));
            }
            sni.get().close();
        }
        return awt(stage, onClick, true);
    }

    /** AWT's tray, created on the FX thread as FXTrayIcon requires. */
    private static Optional<Tray> awt(Stage stage, Runnable onClick, boolean linux) {
        if (XEmbedTray.isSupported()) {
            LOG.log(Level.INFO, linux ? "tray icon: XEmbed (no StatusNotifierWatcher on this desktop)" : "tray icon: the system's");
            return Optional.of(new XEmbedTray(stage, onClick));
        }
        return Optional.empty();
    }
}
