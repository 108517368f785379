package dev.auscult.ui;

import dev.auscult.app.AgentState;
import dev.auscult.app.UserSettings;
import dev.auscult.config.AgentConfig;
import dev.auscult.desktop.SessionBus;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.tray.Tray;
import dev.auscult.ui.tray.TrayChoice;
import dev.auscult.ui.tray.TrayMenu;
import dev.auscult.ui.tray.TrayStatusText;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The tray icon: which one the desktop shows (chosen off the FX thread), its look, tooltip and menu for each state, and
 * whether it hides while all is fine. While no icon is on screen the status window is the only way back, so closing it
 * minimises instead of hiding. FX thread only.
 */
final class TrayController {

    private static final System.Logger LOG = System.getLogger(TrayController.class.getName());

    private final SessionBus bus;
    private final AgentConfig config;
    private final UiText text;
    private final Clock clock;
    private final TrayMenu.Intents intents;
    private Optional<Tray> tray = Optional.empty();

    TrayController(SessionBus bus, AgentConfig config, UiText text, Clock clock, TrayMenu.Intents intents) {
        this.bus = bus;
        this.config = config;
        this.text = text;
        this.clock = clock;
        this.intents = intents;
    }

    /** The icon, once the desktop's tray is known (notifications go through it on some desktops). */
    Optional<Tray> tray() {
        return tray;
    }

    /**
     * Asks the desktop for a tray; {@code chosen} runs once it is known. A start hidden with no icon on screen shows the
     * window after all: it is the only way back.
     */
    void open(Stage stage, Windows windows, boolean startedHidden, Runnable chosen) {
        TrayChoice.open(bus, stage, text.get("tip.scanning"), intents::openWindow, showing -> {
            LOG.log(Level.INFO, showing ? "a panel shows the tray icon" : "no panel shows the tray icon now");
            windows.status().closeTo(showing);
        }, picked -> {
            tray = picked;
            boolean onScreen = picked.map(Tray::showing).orElse(false);
            windows.status().closeTo(onScreen);
            if (picked.isPresent()) {
                Platform.setImplicitExit(false);
            }
            if (!onScreen) {
                // e.g. GNOME without AppIndicator, or a panel not started yet
                LOG.log(Level.INFO, "no tray icon on screen; the window stays available");
                if (startedHidden) {
                    intents.openWindow();
                }
            }
            chosen.run();
        });
    }

    /** The icon, tooltip and menu for a state. */
    void show(AgentState state, boolean launchAtLogin, boolean activated, UserSettings settings) {
        tray.ifPresent(t -> {
            t.update(state, TrayStatusText.of(state, clock.instant(), ZoneId.systemDefault(), text),
                    TrayMenu.build(state, launchAtLogin, activated,
                            config.hideIconWhileFine().isPresent() ? Optional.empty() : Optional.of(settings.hideIconWhileFine()), helpLinks(),
                            intents, text));
            t.setVisible(visible(state, settings));
        });
    }

    /** Hidden only while the last scan passed and the person (or the organisation) asked for it; anything else brings it back. */
    private boolean visible(AgentState state, UserSettings settings) {
        boolean fine = state.report().flatMap(r -> r.status()).map(v -> v == Verdict.PASS).orElse(false);
        return !(config.hideIconWhileFine().orElse(settings.hideIconWhileFine()) && fine);
    }

    private List<TrayMenu.HelpLink> helpLinks() {
        return config.helpLinks().stream().map(h -> new TrayMenu.HelpLink(h.label(), h.link())).toList();
    }

    void remove() {
        tray.ifPresent(Tray::remove);
    }
}
