package dev.auscult.ui;

import dev.auscult.desktop.FreedesktopNotifier;
import dev.auscult.desktop.SessionBus;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.ProcessRunner;
import dev.auscult.ui.tray.Tray;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Tells the user something outside the window. On Linux through the desktop's notification server
 * (D-Bus org.freedesktop.Notifications: the app's name and icon, "Show me how", each notice replacing
 * the last); otherwise, or when there is none, through the tray icon; without a tray, the desktop's own
 * notifier (notify-send, osascript). Called on the FX thread; the D-Bus work happens off it.
 */
final class DesktopNotifications {

    private static final System.Logger LOG = System.getLogger(DesktopNotifications.class.getName());

    private final SessionBus bus;
    private final UiText text;
    private final Supplier<Optional<Tray>> tray;
    private final Consumer<PracticeId> showPractice;
    private final Optional<OsPlatform> platform = OsPlatform.fromOsName(System.getProperty("os.name", ""));
    /** Connected on first use, once: empty when the session has no notification server. */
    private Optional<FreedesktopNotifier> desktop;
    private boolean tried;

    /** @param showPractice opens the window at a practice (on the FX thread) when the user picks "Show me how" */
    DesktopNotifications(SessionBus bus, UiText text, Supplier<Optional<Tray>> tray, Consumer<PracticeId> showPractice) {
        this.bus = bus;
        this.text = text;
        this.tray = tray;
        this.showPractice = showPractice;
    }

    void tell(String title, String message, Optional<PracticeId> practice, boolean urgent) {
        LOG.log(Level.INFO, "notification: {0}", title);
        if (platform.equals(Optional.of(OsPlatform.LINUX))) {
            dev.auscult.platform.Background.run("auscult-background", () -> {
                boolean shown = freedesktop().map(n -> n.show(title, message, practice.map(PracticeId::key), urgent, text.get("alert.showMeHow"))).orElse(false);
                if (!shown) {
                    Platform.runLater(() -> fallback(title, message));
                }
            });
            return;
        }
        fallback(title, message);
    }

    private synchronized Optional<FreedesktopNotifier> freedesktop() {
        if (!tried) {
            tried = true;
            desktop = FreedesktopNotifier.connect(bus,
                    key -> PracticeId.fromKey(key).ifPresent(p -> Platform.runLater(() -> showPractice.accept(p))));
        }
        return desktop;
    }

    private void fallback(String title, String message) {
        if (tray.get().map(t -> t.balloon(title, message)).orElse(false)) {
            return;
        }
        // Windows (and an OS not recognised) has no command of its own: the tray's balloon was the way
        List<String> argv = switch (platform.orElse(OsPlatform.WIN32)) {
            case DARWIN -> List.of("osascript", "-e", "display notification \"" + message.replace("\"", "'") + "\" with title \""
                    + title.replace("\"", "'") + "\"");
            case LINUX -> List.of("notify-send", "--app-name=Auscult", title, message);
            case WIN32 -> List.of();
        };
        if (!argv.isEmpty()) {
            dev.auscult.platform.Background.run("auscult-background", () -> new ProcessRunner(Duration.ofSeconds(10), 1024).launch(argv)
                    .ifPresent(why -> LOG.log(Level.INFO, "no notification service: {0}", why)));
        }
    }
}
