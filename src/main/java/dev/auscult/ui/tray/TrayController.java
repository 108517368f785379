package dev.auscult.ui.tray;

import com.dustinredmond.fxtrayicon.FXTrayIcon;
import dev.auscult.app.AgentState;
import dev.auscult.posture.Verdict;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Stage;

/** Renders the tray menu model and the state icon into an FXTrayIcon. FX thread only. */
public final class TrayController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final FXTrayIcon tray;
    private final SerialMenuRebuild<TrayMenu.Item> menu;
    private boolean shown = true;

    public TrayController(Stage stage, Runnable onClick) {
        tray = new FXTrayIcon(stage, TrayIcons.render(java.util.Optional.empty(), true, 0, 64));
        tray.setApplicationTitle("Auscult");
        menu = new SerialMenuRebuild<>(java.awt.EventQueue::invokeLater, new SerialMenuRebuild.Sink<>() {
            @Override
            public void clear() {
                tray.clear();
            }

            @Override
            public void add(TrayMenu.Item item) {
                if (item instanceof TrayMenu.Separator) {
                    tray.addSeparator();
                } else {
                    tray.addMenuItem(render(item));
                }
            }
        });
        tray.setOnAction(e -> onClick.run());
        tray.show();
    }

    public static boolean isSupported() {
        return FXTrayIcon.isSupported();
    }

    public void update(AgentState state, List<TrayMenu.Item> items) {
        int failing = state.report().map(r -> (int) r.practices().stream()
                .filter(p -> p.verdict().orElse(Verdict.PASS) == Verdict.FAIL).count()).orElse(0);
        java.time.Instant now = java.time.Instant.now();
        tray.setGraphic(TrayIcons.render(state.report().flatMap(r -> r.status()), state.scanning(), failing, 64));
        String status = state.scanning() ? "scanning…" : state.report().map(r -> r.status().map(v -> switch (v) {
            case PASS -> "all checks pass";
            case NUDGE -> dev.auscult.app.DueDates.soonest(r, now)
                    .map(p -> "a setting to " + dev.auscult.app.DueDates.fixBy(p.deadline().get(), now,
                            java.time.ZoneId.systemDefault(), java.util.Locale.getDefault()))
                    .orElse("some settings could be safer");
            case UNKNOWN -> "some settings could not be checked";
            case FAIL -> failing == 1 ? "1 setting needs attention" : failing + " settings need attention";
        }).orElse("nothing checked") + r.scannedAt().map(t -> " · last scan " + TIME.format(t)).orElse("")).orElse("not scanned yet");
        tray.setTooltip("Auscult — " + status);
        menu.rebuild(items);
    }

    public void notify(String title, String message, boolean warning) {
        if (warning) {
            tray.showWarningMessage(title, message);
        } else {
            tray.showInfoMessage(title, message);
        }
    }

    /** Shows or hides the icon (the user's "hide while all is fine"); a no-op when it already is so. */
    public void setVisible(boolean visible) {
        if (visible != shown) {
            shown = visible;
            if (visible) {
                tray.show();
            } else {
                tray.hide();
            }
        }
    }

    public void hide() {
        tray.hide();
    }

    private static MenuItem render(TrayMenu.Item item) {
        return switch (item) {
            case TrayMenu.Action a -> {
                MenuItem mi = new MenuItem(a.label());
                mi.setId(a.id());
                mi.setOnAction(e -> a.run().run());
                yield mi;
            }
            case TrayMenu.Toggle t -> {
                CheckMenuItem mi = new CheckMenuItem(t.label());
                mi.setId(t.id());
                mi.setSelected(t.selected());
                mi.setOnAction(e -> t.change().accept(mi.isSelected()));
                yield mi;
            }
            case TrayMenu.SubMenu s -> {
                Menu m = new Menu(s.label());
                for (TrayMenu.Item child : s.items()) {
                    m.getItems().add(child instanceof TrayMenu.Separator ? new SeparatorMenuItem() : render(child));
                }
                yield m;
            }
            case TrayMenu.Separator sep -> new SeparatorMenuItem();
        };
    }
}
