package dev.auscult.ui;

import dev.auscult.probe.ProcessRunner;
import dev.auscult.ui.tray.TrayController;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tells the user something outside the window: through the tray icon when there is one, else the
 * desktop's own notifier (notify-send, osascript), started through the agent's process gateway.
 */
final class DesktopNotifications {

    private static final System.Logger LOG = System.getLogger(DesktopNotifications.class.getName());

    private final Supplier<Optional<TrayController>> tray;

    DesktopNotifications(Supplier<Optional<TrayController>> tray) {
        this.tray = tray;
    }

    void tell(String title, String message) {
        LOG.log(Level.INFO, "notification: {0}", title);
        Optional<TrayController> t = tray.get();
        if (t.isPresent()) {
            t.get().notify(title, message, true);
            return;
        }
        List<String> argv = switch (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).substring(0, 3)) {
            case "mac" -> List.of("osascript", "-e", "display notification \"" + message.replace("\"", "'") + "\" with title \""
                    + title.replace("\"", "'") + "\"");
            case "lin" -> List.of("notify-send", "--app-name=Auscult", title, message);
            default -> List.of();
        };
        if (!argv.isEmpty()) {
            Thread.ofVirtual().start(() -> new ProcessRunner(Duration.ofSeconds(10), 1024).launch(argv)
                    .ifPresent(why -> LOG.log(Level.INFO, "no notification service: {0}", why)));
        }
    }
}
